"""How the OpenAPI schema describes the token (loaded by ApiConfig.ready)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class TokenScheme(OpenApiAuthenticationExtension):
    target_class = "api.auth.TokenAuthentication"
    name = "token"

    def get_security_definition(self, auto_schema):
        return {"type": "http", "scheme": "bearer", "description": "A personal access token."}


ERROR = {
    "type": "object",
    "description": "An error: `detail` says what is wrong, in the request's language; a "
    "validation error names each field with its messages instead.",
    "additionalProperties": True,
    "properties": {"detail": {"type": "string"}},
}
ERRORS = {
    "400": "The request is not valid",
    "401": "No token, or an unknown or revoked one",
    "403": "The token may only read",
    "404": "Not found (or another founder's)",
    "405": "Not allowed here",
    "406": "Only JSON is served",
    "410": "The handover link expired or was revoked",
    "415": "Only JSON is accepted",
    "429": "Too many requests for this token; wait and retry",
}


def error_responses(result, generator, request, public):
    """Every operation may answer with these errors, all shaped like ERROR."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR
    for path in result.get("paths", {}).values():
        for operation in path.values():
            responses = operation.setdefault("responses", {})
            for code, text in ERRORS.items():
                responses.setdefault(
                    code,
                    {
                        "description": text,
                        "content": {
                            "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}
                        },
                    },
                )
    return result
