from django.core.files.uploadedfile import SimpleUploadedFile

from tasks.models import Task

GOOD = (
    "Titel;Bereich;Stunden pro Woche;wiederkehrend;Können;Freude;Kerntätigkeit\n"
    "Posteingang sortieren;admin;5;ja;4;3;nein\n"
    "Jahresabschluss;finance;3;nein;1;3;nein\n"
)
BAD = (
    "title,area,hours_per_week,recurring,skill,enjoyment,core\n"
    "Inbox triage,admin,5,yes,4,3,no\n"
    "Bookkeeping,finance,lots,yes,7,3,no\n"
)


def _upload(text, name="tasks.csv"):
    return SimpleUploadedFile(name, text.encode("utf-8"), content_type="text/csv")


def test_it_imports_a_csv_with_german_headers_and_classifies_it(alice_client, alice):
    response = alice_client.post("/tasks/import/", {"file": _upload(GOOD)})
    assert response.status_code == 302
    tasks = dict(Task.objects.filter(owner=alice).values_list("title", "category_id"))
    assert tasks == {"Posteingang sortieren": "time", "Jahresabschluss": "skill"}


def test_a_bad_row_imports_nothing_and_names_row_and_column(alice_client, alice):
    response = alice_client.post("/tasks/import/", {"file": _upload(BAD)})
    page = response.content.decode()
    assert response.status_code == 400
    assert "row 2 (line 3), column hours_per_week" in page
    assert "row 2 (line 3), column skill" in page
    assert not Task.objects.filter(owner=alice).exists()


def test_a_missing_column_is_named(alice_client, alice):
    response = alice_client.post("/tasks/import/", {"file": _upload("title,area\nX,admin\n")})
    assert response.status_code == 400
    assert "hours_per_week" in response.content.decode()
    assert not Task.objects.filter(owner=alice).exists()


def test_an_oversized_file_is_refused(alice_client, alice):
    big = "title,area,hours_per_week,recurring,skill,enjoyment,core\n" + "x" * (1024 * 1024)
    response = alice_client.post("/tasks/import/", {"file": _upload(big)})
    assert response.context["form"].errors["file"] == ["The file is larger than 1 MB."]
    assert not Task.objects.filter(owner=alice).exists()


def test_a_german_founder_reads_the_problems_in_german(alice_client, alice):
    alice.profile.language = "de"
    alice.profile.save()
    response = alice_client.post("/tasks/import/", {"file": _upload(BAD)})
    page = response.content.decode()
    assert "Aufgabe 2 (Zeile 3), Spalte „hours_per_week“: „lots“ ist keine Zahl" in page
    assert "Es wurde nichts importiert" in page


def test_a_german_file_gets_its_own_column_names_back(alice_client, alice):
    alice.profile.language = "de"
    alice.profile.save()
    bad = GOOD.replace("admin;5;ja", "admin;viel;ja")
    page = alice_client.post("/tasks/import/", {"file": _upload(bad)}).content.decode()
    assert "Aufgabe 1 (Zeile 2), Spalte „Stunden pro Woche“: „viel“ ist keine Zahl" in page
    assert not Task.objects.filter(owner=alice).exists()
