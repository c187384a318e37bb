"""The files of a data export: rows (lists of plain dicts) as JSON and as CSV. No Django.

The CSV is for spreadsheets: UTF-8 with a byte-order mark (Excel reads the umlauts), and
for a German founder semicolons between fields and decimal commas, as German Excel expects.
"""

import csv
import io
import json
from datetime import date, datetime
from decimal import Decimal


def json_value(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    return value


def json_bytes(rows: list[dict]) -> bytes:
    plain = [{key: json_value(value) for key, value in row.items()} for row in rows]
    return json.dumps(plain, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def csv_value(value, *, decimal_comma: bool) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (Decimal, float)):
        text = str(value)
        return text.replace(".", ",") if decimal_comma else text
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def csv_bytes(rows: list[dict], columns: list[str], *, german: bool) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";" if german else ",", lineterminator="\r\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_value(row.get(name), decimal_comma=german) for name in columns])
    return out.getvalue().encode("utf-8-sig")
