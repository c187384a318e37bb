from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import numbers
from accounts.forms import add_service_errors
from accounts.selectors import founder_profile
from tasks import services
from tasks.forms import DelegateForm
from tasks.models import Delegate, Task
from tasks.views.common import get_delegate_for_user


@login_required
def delegate_list(request):
    delegates = (
        Delegate.objects.filter(owner=request.user)
        .order_by("name")
        .annotate(active_tasks=Count("tasks", filter=Q(tasks__status=Task.DELEGATED)))
    )
    page = Paginator(delegates, 50).get_page(request.GET.get("page"))
    hourly_value = founder_profile(user=request.user).hourly_value
    for delegate in page:
        # For the list page only, beside the annotated count.
        above = numbers.rate_above_buyback(delegate.hourly_rate, hourly_value)
        delegate.above_buyback_rate = above  # type: ignore[attr-defined]
    return render(
        request,
        "tasks/delegate_list.html",
        {"page": page, "buyback_rate": numbers.buyback_rate(hourly_value)},
    )


@login_required
def delegate_form(request, pk=None):
    delegate = get_delegate_for_user(request, pk) if pk else Delegate(owner=request.user)
    form = DelegateForm(request.POST or None, instance=delegate)
    if request.method == "POST" and form.is_valid():
        try:
            services.delegate_save(delegate=form.save(commit=False))
        except ValidationError as err:
            add_service_errors(form, err)
        else:
            messages.success(request, _("Delegate saved."))
            return redirect("delegate_list")
    return render(request, "tasks/delegate_form.html", {"form": form, "delegate": delegate})


@login_required
def delegate_delete(request, pk):
    delegate = get_delegate_for_user(request, pk)
    error = None
    if request.method == "POST":
        try:
            services.delegate_delete(delegate=delegate)
        except ValidationError as err:
            error = " ".join(err.messages)
        else:
            messages.success(request, _("Delegate deleted."))
            return redirect("delegate_list")
    return render(
        request,
        "tasks/delegate_confirm_delete.html",
        {"delegate": delegate, "error": error},
        status=400 if error else 200,
    )
