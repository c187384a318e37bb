"""Inlines that grow with a founder's data show their first rows and link to the full,
paginated change list: a founder with thousands of tasks must not make their page huge."""

from django.forms.models import BaseInlineFormSet
from django.urls import reverse

INLINE_ROWS = 50


class FirstRowsFormSet(BaseInlineFormSet):
    """Only the first `rows` objects; `total` counts them all."""

    rows = INLINE_ROWS

    def get_queryset(self):
        if not hasattr(self, "_first_rows"):
            queryset = super().get_queryset()
            self.total = queryset.count()
            self._first_rows = queryset[: self.rows]
            len(self._first_rows)  # evaluate once: forms index into it
        return self._first_rows

    @property
    def more(self) -> int:
        self.get_queryset()
        return max(0, self.total - self.rows)


class FirstRowsInline:
    """Mix into a read-only inline (before the admin class); `all_rows_filter` names the
    change-list filter that shows the parent's rows, e.g. "owner__id__exact"."""

    formset = FirstRowsFormSet
    template = "admin/edit_inline/tabular_first_rows.html"
    all_rows_filter = ""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        if obj is not None:
            opts = self.model._meta
            url = reverse(f"admin:{opts.app_label}_{opts.model_name}_changelist")
            formset.all_rows_url = f"{url}?{self.all_rows_filter}={obj.pk}"
        return formset
