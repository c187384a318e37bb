"""The four categories, in the article's words (English and German)."""

from django.db import migrations

CATEGORIES = [
    {
        "code": "time",
        "position": 1,
        "name_en": "Time outsourcing",
        "name_de": "Zeit-Outsourcing",
        "description_en": (
            "Routine, standard tasks that eat your time: hand them to a virtual assistant "
            "proactively, with a written work instruction, before the bottleneck comes. "
            "Project work when there are too many projects goes to a freelancer, paid per "
            "project."
        ),
        "description_de": (
            "Routinetätigkeiten und Standardaufgaben, die viel Zeit fressen: Lagere sie "
            "proaktiv an deine virtuelle Assistenz aus – mit einer Arbeitsanweisung und "
            "bevor der Engpass kommt. Projektarbeit bei zu vielen Projekten geht projektbezogen "
            "an einen Projekt-Freelancer."
        ),
    },
    {
        "code": "skill",
        "position": 2,
        "name_en": "Skill outsourcing",
        "name_de": "Skill-Outsourcing",
        "description_en": (
            "What you can't do, or not well, and that is not your core — programming, design, "
            "bookkeeping, the annual accounts. Leave it to a specialist who can."
        ),
        "description_de": (
            "Was du nicht kannst oder zumindest nicht gut und was nicht zu deinen "
            "Kerntätigkeiten gehört – Programmierung, Design, Buchhaltung, der "
            "Jahresabschluss. Überlasse das denen, die das können."
        ),
    },
    {
        "code": "smart",
        "position": 3,
        "name_en": "Smart outsourcing",
        "name_de": "Smart-Outsourcing",
        "description_en": (
            "The king's discipline: time and skill outsourcing combined, plus the tasks you "
            "hate. It costs money — a reinvested luxury that pays back in a freer head."
        ),
        "description_de": (
            "Die Königsdisziplin: Zeit- und Skill-Outsourcing zusammen, plus die "
            "Hass-Tätigkeiten, auf die du keinen Bock hast. Das kostet Geld – reinvestierter "
            "Luxus, der sich mit einem freieren Kopf auszahlt."
        ),
    },
    {
        "code": "keep",
        "position": 4,
        "name_en": "Keep (core work)",
        "name_de": "Kerntätigkeit",
        "description_en": (
            "Your core: developing the business, new products, growth, building and keeping "
            "contacts. Spend as much of your time here as you can."
        ),
        "description_de": (
            "Deine Kerntätigkeit: dein Business weiterentwickeln, neue Produkte, Wachstum, "
            "Kontakte knüpfen und pflegen. Schuster, bleib bei deinen Leisten!"
        ),
    },
]


def add_categories(apps, schema_editor):
    Category = apps.get_model("tasks", "Category")
    for fields in CATEGORIES:
        Category.objects.update_or_create(code=fields["code"], defaults=fields)


class Migration(migrations.Migration):
    dependencies = [("tasks", "0001_initial")]

    operations = [migrations.RunPython(add_categories, migrations.RunPython.noop)]
