"""The REST API: the founder's tasks (read and write through tasks.services), delegates,
instructions and runs (read), and the buyback figures with the next moves. Every queryset
starts from the token's founder: another founder's id is a 404, like a missing one."""

from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import api_view, authentication_classes, permission_classes
from rest_framework.exceptions import NotFound
from rest_framework.pagination import PageNumberPagination
from rest_framework.permissions import AllowAny
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.selectors import founder_profile
from api import serializers as api_serializers
from dashboard import reads as dashboard_reads
from sops import services as sops_services
from sops.models import Instruction, Run
from tasks import services as task_services
from tasks.models import Delegate, Task
from tasks.selectors import founder_buyback
from tasks.task_list import TaskFilterForm, filtered_tasks


class Pages(PageNumberPagination):
    """?page=N&page_size=M (1–200); a page size that is not such a number is a 400, not
    silently the default."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200

    def get_page_size(self, request):
        values = request.query_params.getlist(self.page_size_query_param)
        if not values:
            return self.page_size
        if len(values) > 1 or not values[0].isascii() or not values[0].isdigit():
            raise serializers.ValidationError({"page_size": [_("A whole number from 1 to 200.")]})
        size = int(values[0])
        if not 1 <= size <= self.max_page_size:
            raise serializers.ValidationError({"page_size": [_("A whole number from 1 to 200.")]})
        return size

    def get_schema_operation_parameters(self, view):
        params = super().get_schema_operation_parameters(view)
        bounds = {"page": {"minimum": 1}, "page_size": {"minimum": 1, "maximum": 200}}
        for param in params:
            param["schema"].update(bounds.get(param["name"], {}))
        return params


def _choices(field) -> list[str]:
    return [str(value) for value, _label in field.choices if value != ""]


FILTERS = TaskFilterForm.base_fields
TASK_FILTERS = [
    OpenApiParameter("q", OpenApiTypes.STR, description="Part of the title"),
    *[
        OpenApiParameter(name, OpenApiTypes.STR, enum=_choices(FILTERS[name]))
        for name in ("kind", "route", "status", "area", "list", "sort")
    ],
]


@extend_schema(tags=["tasks"])
class TaskViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    serializer_class = api_serializers.TaskSerializer
    pagination_class = Pages
    http_method_names = ["get", "post", "patch", "delete", "head", "options"]

    def get_queryset(self):
        return Task.objects.filter(owner=self.request.user).order_by("pk")

    @extend_schema(parameters=TASK_FILTERS)
    def list(self, request, *args, **kwargs):
        form = TaskFilterForm(request.query_params)
        if not form.is_valid():
            raise serializers.ValidationError(form.errors)
        profile = founder_profile(user=request.user)
        tasks = filtered_tasks(profile=profile, filters=form.cleaned_data)
        page = self.paginate_queryset(tasks)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)

    @extend_schema(
        request=api_serializers.TaskWriteSerializer,
        responses={201: api_serializers.TaskSerializer},
    )
    def create(self, request):
        data = api_serializers.TaskWriteSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        task = task_services.task_create(owner=request.user, **data.validated_data)
        return Response(self.get_serializer(task).data, status=status.HTTP_201_CREATED)

    @extend_schema(
        request=api_serializers.TaskWriteSerializer(partial=True),
        responses={200: api_serializers.TaskSerializer},
    )
    def partial_update(self, request, pk=None):
        task = self.get_object()
        data = api_serializers.TaskWriteSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        fields = dict(data.validated_data)
        if "time_amount" in fields:
            fields.setdefault("time_unit", task.time_unit)
        task = task_services.task_update(task=task, **fields)
        return Response(self.get_serializer(task).data)

    def perform_destroy(self, instance):
        task_services.task_delete(task=instance)


@extend_schema(tags=["delegates"])
class DelegateViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = api_serializers.DelegateSerializer
    pagination_class = Pages

    def get_queryset(self):
        return Delegate.objects.filter(owner=self.request.user).order_by("name", "pk")


@extend_schema(tags=["instructions"])
class InstructionViewSet(viewsets.ReadOnlyModelViewSet):
    """Read only: writing and publishing instructions stays in the app."""

    serializer_class = api_serializers.InstructionSerializer
    pagination_class = Pages

    def get_queryset(self):
        return (
            Instruction.objects.filter(owner=self.request.user)
            .prefetch_related("versions")
            .order_by("title", "pk")
        )


@extend_schema(tags=["runs"])
class RunViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = api_serializers.RunSerializer
    pagination_class = Pages

    def get_queryset(self):
        return (
            Run.objects.filter(instruction__owner=self.request.user)
            .select_related("version")
            .order_by("-performed_on", "-pk")
        )


class BuybackView(APIView):
    """This week's buyback figures and the next moves, as on the dashboard."""

    @extend_schema(tags=["buyback"], responses=api_serializers.BuybackSerializer)
    def get(self, request):
        profile = founder_profile(user=request.user)
        data = {
            "currency": profile.currency,
            "figures": founder_buyback(profile=profile),
            "moves": dashboard_reads.next_moves(profile=profile),
        }
        return Response(api_serializers.BuybackSerializer(data).data)


@extend_schema(exclude=True)
@api_view(["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"])
@authentication_classes([])
@permission_classes([AllowAny])
def not_found(request):
    raise NotFound


class HandoverRunInput(serializers.Serializer):
    performed_on = serializers.DateField()
    performed_by = serializers.CharField(max_length=120)
    checked_steps = serializers.ListField(
        child=serializers.IntegerField(min_value=0, max_value=1000), max_length=1000, default=list
    )
    minutes = serializers.IntegerField(min_value=1, max_value=24 * 60)
    notes = serializers.CharField(max_length=5000, allow_blank=True, default="")


class HandoverRunView(APIView):
    """A delegate records a run through their handover link: the signed token in the URL is
    the credential (no account, no personal token), as on the handover page."""

    authentication_classes = ()
    permission_classes = (AllowAny,)

    @extend_schema(
        tags=["runs"],
        auth=[],
        request=HandoverRunInput,
        responses={201: api_serializers.RunSerializer, 410: OpenApiTypes.OBJECT},
    )
    def post(self, request, signed):
        try:
            link = sops_services.handover_link_resolve(signed=signed)
        except sops_services.LinkNotFound:
            raise NotFound from None
        except sops_services.LinkGone:
            return Response({"detail": _("This handover link no longer works.")}, status=410)
        version = link.instruction.latest_version()
        if version is None:
            return Response({"detail": _("This handover link no longer works.")}, status=410)
        data = HandoverRunInput(data=request.data)
        data.is_valid(raise_exception=True)
        run = sops_services.run_record(version=version, link=link, **data.validated_data)
        return Response(api_serializers.RunSerializer(run).data, status=201)
