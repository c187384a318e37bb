"""Eight starter templates, English and German, for typical time and smart tasks.

Steps: one per line; the expected result follows " | ". Consultants add more in the admin.
"""

from django.db import migrations

TEMPLATES = [
    {
        "slug": "inbox-triage",
        "area": "admin",
        "estimated_minutes": 45,
        "title_en": "Inbox triage",
        "title_de": "Posteingang sortieren",
        "purpose_en": "Keep the founder's inbox at zero so nothing urgent gets lost and "
        "routine mail never reaches them.",
        "purpose_de": "Mein Posteingang bleibt leer: Nichts Dringendes geht unter, und "
        "Routinepost landet gar nicht erst bei mir.",
        "done_en": "Inbox empty; every mail archived, answered, or in the 'For the founder' "
        "folder with a one-line summary.",
        "done_de": "Posteingang leer; jede Mail ist archiviert, beantwortet oder liegt mit "
        "einer Zeile Zusammenfassung im Ordner „Zur Entscheidung“.",
        "tools_en": "Shared mailbox (delegate access), reply templates document",
        "tools_de": "Mein Postfach mit Stellvertreter-Zugriff, Dokument mit Antwortvorlagen",
        "steps_en": "Open the shared mailbox and sort by oldest first | You see the oldest unread mail on top\n"
        "Unsubscribe from newsletters nobody reads; archive notifications | Only real mail is left\n"
        "Answer routine requests with the reply templates | Every routine mail has a reply\n"
        "Move invoices and receipts to the 'Bookkeeping' folder | Bookkeeping folder holds all bills\n"
        "Move anything that needs the founder to 'For the founder' with a one-line summary | The founder reads summaries, not threads\n"
        "Flag anything urgent (today, legal, angry customer) and message the founder | Urgent items are flagged and announced",
        "steps_de": "Öffne das Postfach und sortiere nach „älteste zuerst“ | Die älteste ungelesene Mail steht oben\n"
        "Bestell Newsletter ab, die niemand liest, archiviere Benachrichtigungen | Nur echte Post bleibt übrig\n"
        "Beantworte Routineanfragen mit den Antwortvorlagen | Jede Routinemail hat eine Antwort\n"
        "Verschiebe Rechnungen und Belege in den Ordner „Buchhaltung“ | Alle Belege liegen im Ordner\n"
        "Verschiebe alles, was mich braucht, mit einer einzeiligen Zusammenfassung nach „Zur Entscheidung“ | Ich lese Zusammenfassungen statt ganzer Verläufe\n"
        "Markiere Dringendes (heute fällig, rechtlich, verärgerter Kunde) und schick mir eine Nachricht | Dringendes ist markiert, und ich weiß Bescheid",
    },
    {
        "slug": "bookkeeping-receipts",
        "area": "finance",
        "estimated_minutes": 60,
        "title_en": "Bookkeeping receipts",
        "title_de": "Belege für die Buchhaltung",
        "purpose_en": "Every expense has its receipt in the bookkeeping tool before the "
        "monthly hand-over to the tax advisor.",
        "purpose_de": "Jede Ausgabe hat ihren Beleg im Buchhaltungstool, bevor der Monat an "
        "das Steuerbüro geht.",
        "done_en": "All bank transactions of the week matched to a receipt; missing ones "
        "listed for the founder.",
        "done_de": "Alle Kontobewegungen der Woche haben einen Beleg; fehlende stehen auf "
        "einer Liste für mich.",
        "tools_en": "Bookkeeping tool (e.g. lexoffice, sevDesk), 'Bookkeeping' mail folder, bank read access",
        "tools_de": "Buchhaltungstool (z. B. lexoffice, sevDesk), Mail-Ordner „Buchhaltung“, Lesezugriff aufs Konto",
        "steps_en": "Download all receipts from the 'Bookkeeping' mail folder | Receipts saved as PDF\n"
        "Download invoices from the usual portals (Amazon, telecom, software subscriptions) | No portal invoice missing\n"
        "Upload the receipts to the bookkeeping tool | Each receipt shows up in the tool\n"
        "Match each bank transaction of the week to its receipt | Matched transactions are marked green\n"
        "List transactions without a receipt (date, amount, payee) for the founder | The founder gets a short list\n"
        "Archive the processed mails | The 'Bookkeeping' folder is empty",
        "steps_de": "Lade alle Belege aus dem Mail-Ordner „Buchhaltung“ herunter | Belege als PDF gespeichert\n"
        "Lade die Rechnungen aus den üblichen Portalen herunter (Amazon, Mobilfunk, Software-Abos) | Keine Portalrechnung fehlt\n"
        "Lade die Belege ins Buchhaltungstool hoch | Jeder Beleg erscheint im Tool\n"
        "Ordne jede Kontobewegung der Woche ihrem Beleg zu | Zugeordnete Buchungen sind grün markiert\n"
        "Liste Buchungen ohne Beleg (Datum, Betrag, Empfänger) für mich auf | Ich bekomme eine kurze Liste\n"
        "Archiviere die bearbeiteten Mails | Der Ordner „Buchhaltung“ ist leer",
    },
    {
        "slug": "invoicing",
        "area": "finance",
        "estimated_minutes": 40,
        "title_en": "Write and send invoices",
        "title_de": "Rechnungen schreiben und versenden",
        "purpose_en": "Clients are billed on time and correctly, so cash comes in without "
        "the founder chasing it.",
        "purpose_de": "Meine Kunden bekommen pünktlich korrekte Rechnungen, damit das Geld "
        "kommt, ohne dass ich hinterherlaufen muss.",
        "done_en": "All billable work of the month invoiced and sent; overdue invoices "
        "have had a friendly reminder.",
        "done_de": "Alle abrechenbaren Leistungen des Monats sind abgerechnet, die Rechnungen verschickt; "
        "überfällige Rechnungen haben eine freundliche Erinnerung bekommen.",
        "tools_en": "Invoicing tool, time tracking export, client list with billing addresses",
        "tools_de": "Rechnungstool, Export der Zeiterfassung, Kundenliste mit Rechnungsadressen",
        "steps_en": "Export last month's billable hours from time tracking | One export per client\n"
        "Create an invoice per client from the template (rates, VAT, payment terms 14 days) | Draft invoices ready\n"
        "Check client name, address, VAT ID and invoice number | No wrong or missing details\n"
        "Send the invoices by email with the standard text | Each client received its invoice\n"
        "Send a friendly reminder for invoices more than 7 days overdue | Reminders sent\n"
        "Note totals invoiced and outstanding for the founder | The founder sees the month at a glance",
        "steps_de": "Exportiere die abrechenbaren Stunden des Vormonats aus der Zeiterfassung | Ein Export pro Kunde\n"
        "Lege pro Kunde eine Rechnung aus der Vorlage an (Stundensätze, USt., Zahlungsziel 14 Tage) | Rechnungsentwürfe stehen\n"
        "Prüfe Kundenname, Adresse, USt-IdNr. und Rechnungsnummer | Keine falschen oder fehlenden Angaben\n"
        "Verschicke die Rechnungen per Mail mit dem Standardtext | Jeder Kunde hat seine Rechnung\n"
        "Schick eine freundliche Erinnerung für Rechnungen, die mehr als 7 Tage überfällig sind | Erinnerungen verschickt\n"
        "Notiere für mich die Summen: abgerechnet und offen | Ich sehe den Monat auf einen Blick",
    },
    {
        "slug": "social-media-scheduling",
        "area": "marketing",
        "estimated_minutes": 90,
        "title_en": "Schedule social media posts",
        "title_de": "Social-Media-Beiträge planen",
        "purpose_en": "A steady, on-brand presence without the founder spending their week "
        "in the apps.",
        "purpose_de": "Regelmäßig sichtbar, im eigenen Stil, ohne dass ich meine Woche in den "
        "Apps verbringe.",
        "done_en": "Next week's posts scheduled on every channel; comments of the past week "
        "answered or passed on.",
        "done_de": "Die Beiträge der nächsten Woche sind auf allen Kanälen eingeplant; "
        "Kommentare der Vorwoche sind beantwortet oder weitergegeben.",
        "tools_en": "Scheduling tool (e.g. Buffer), content calendar, brand guide, image tool",
        "tools_de": "Planungstool (z. B. Buffer), Redaktionsplan, Markenleitfaden, Bildtool",
        "steps_en": "Open the content calendar and pick next week's topics | Three to five topics chosen\n"
        "Write the post texts in the brand's tone; reuse the founder's notes | Texts drafted\n"
        "Create the images with the brand template | One image per post, right size per channel\n"
        "Schedule the posts at the usual times | All posts appear in the scheduling tool\n"
        "Answer simple comments; pass questions about offers to the founder | No comment left without a reaction\n"
        "Put last week's numbers (reach, clicks) into the calendar | The founder sees what worked",
        "steps_de": "Öffne den Redaktionsplan und wähle die Themen der nächsten Woche | Drei bis fünf Themen stehen\n"
        "Schreib die Texte im Ton der Marke; nutze meine Notizen | Texte sind entworfen\n"
        "Erstelle die Bilder mit der Markenvorlage | Ein Bild pro Beitrag, passende Größe pro Kanal\n"
        "Plane die Beiträge zu den üblichen Zeiten ein | Alle Beiträge stehen im Planungstool\n"
        "Beantworte einfache Kommentare; Fragen zu Angeboten gibst du an mich weiter | Kein Kommentar bleibt ohne Reaktion\n"
        "Trag die Zahlen der Vorwoche (Reichweite, Klicks) in den Plan ein | Ich sehe, was funktioniert hat",
    },
    {
        "slug": "podcast-video-publishing",
        "area": "marketing",
        "estimated_minutes": 120,
        "title_en": "Publish a podcast or video episode",
        "title_de": "Podcast- oder Videofolge veröffentlichen",
        "purpose_en": "The founder records; everything after the recording happens without them.",
        "purpose_de": "Ich nehme auf; alles nach der Aufnahme übernimmst du.",
        "done_en": "Episode live on all platforms with title, show notes, chapters and "
        "thumbnail; announced on social media.",
        "done_de": "Folge ist auf allen Plattformen live, mit Titel, Shownotes, Kapiteln und "
        "Vorschaubild; auf Social Media angekündigt.",
        "tools_en": "Shared drive with raw recordings, editing software, podcast host, YouTube channel access",
        "tools_de": "Geteilter Ordner mit Rohaufnahmen, Schnittprogramm, Podcast-Hoster, Zugriff auf den YouTube-Kanal",
        "steps_en": "Download the raw recording from the shared drive | File is complete and plays\n"
        "Cut out long pauses and mistakes; add intro and outro | Episode runs without dead air\n"
        "Normalise the loudness (-16 LUFS) and export MP3 and MP4 | Both files exported\n"
        "Write title, show notes with links and chapter marks | Notes ready to paste\n"
        "Upload to the podcast host and YouTube with thumbnail; schedule for the agreed date | Episode scheduled\n"
        "Prepare the announcement post and add it to the social media schedule | Announcement planned",
        "steps_de": "Lade die Rohaufnahme aus dem geteilten Ordner herunter | Die Datei ist vollständig und lässt sich abspielen\n"
        "Schneide lange Pausen und Versprecher heraus; füge Intro und Outro an | Die Folge läuft ohne Leerlauf\n"
        "Normalisiere die Lautheit (−16 LUFS) und exportiere MP3 und MP4 | Beide Dateien exportiert\n"
        "Schreib Titel, Shownotes mit Links und Kapitelmarken | Shownotes sind fertig zum Einfügen\n"
        "Lade die Folge mit Vorschaubild beim Podcast-Hoster und auf YouTube hoch; plane sie zum vereinbarten Termin | Folge ist eingeplant\n"
        "Bereite den Ankündigungsbeitrag vor und nimm ihn in den Social-Media-Plan auf | Ankündigung ist eingeplant",
    },
    {
        "slug": "travel-booking",
        "area": "admin",
        "estimated_minutes": 45,
        "title_en": "Book travel",
        "title_de": "Reisen buchen",
        "purpose_en": "Trips are booked to the founder's preferences and budget without back-and-forth.",
        "purpose_de": "Meine Reisen sind nach meinen Vorlieben und im Budget gebucht, ohne Hin und Her.",
        "done_en": "Transport and hotel booked, confirmations in the calendar and the travel folder.",
        "done_de": "Anreise und Hotel sind gebucht, Bestätigungen stehen im Kalender und im Reiseordner.",
        "tools_en": "Travel preferences document, booking portals, shared calendar, company card (via the founder)",
        "tools_de": "Dokument mit Reisevorlieben, Buchungsportale, geteilter Kalender, Firmenkreditkarte (bekommst du von mir)",
        "steps_en": "Confirm dates, destination and appointments with the founder | Trip brief is clear\n"
        "Compare train and flight by door-to-door time and price | Two options with times and prices\n"
        "Pick a hotel within budget, near the appointment, free cancellation | Hotel proposal ready\n"
        "Get the founder's OK, then book | Bookings confirmed\n"
        "Put every booking with confirmation number into the calendar | Calendar shows the whole trip\n"
        "Save tickets and confirmations in the travel folder; forward receipts to bookkeeping | Nothing to search for on the road",
        "steps_de": "Kläre Daten, Ziel und Termine mit mir | Die Reise ist klar umrissen\n"
        "Vergleiche Bahn und Flug nach Tür-zu-Tür-Zeit und Preis | Zwei Optionen mit Zeiten und Preisen\n"
        "Wähle ein Hotel im Budget, nah am Termin, kostenlos stornierbar | Hotelvorschlag steht\n"
        "Hol dir mein OK, dann buch | Buchungen sind bestätigt\n"
        "Trag jede Buchung mit Bestätigungsnummer in den Kalender ein | Der Kalender zeigt die ganze Reise\n"
        "Leg Tickets und Bestätigungen im Reiseordner ab; Belege gehen an die Buchhaltung | Unterwegs muss ich nichts suchen",
    },
    {
        "slug": "crm-clean-up",
        "area": "sales",
        "estimated_minutes": 60,
        "title_en": "CRM clean-up",
        "title_de": "CRM aufräumen",
        "purpose_en": "The contact list stays reliable, so follow-ups happen and no lead is forgotten.",
        "purpose_de": "Die Kontaktliste bleibt verlässlich, damit Nachfassen klappt und kein Kontakt vergessen wird.",
        "done_en": "No duplicates, every contact has owner, stage and next step; stale deals closed.",
        "done_de": "Keine Dubletten; jeder Kontakt hat eine zuständige Person, eine Phase und "
        "einen nächsten Schritt; eingeschlafene Deals sind geschlossen.",
        "tools_en": "CRM (e.g. HubSpot, Pipedrive) with editor rights",
        "tools_de": "CRM (z. B. HubSpot, Pipedrive) mit Bearbeitungsrechten",
        "steps_en": "Run the duplicate check and merge duplicates | No contact appears twice\n"
        "Fill missing company, role and email from the signature or LinkedIn | Key fields complete\n"
        "Add contacts from this week's business cards and meetings | New contacts entered\n"
        "Give every open deal a next step with a date | No open deal without a next step\n"
        "Close deals with no activity for 90 days as 'lost – no response' | Pipeline shows only live deals\n"
        "Send the founder the list of follow-ups due next week | The founder knows whom to call",
        "steps_de": "Starte die Dublettenprüfung und führe Dubletten zusammen | Kein Kontakt doppelt\n"
        "Ergänze fehlende Firma, Position und E-Mail aus Signatur oder LinkedIn | Wichtige Felder sind vollständig\n"
        "Trag Kontakte aus Visitenkarten und Terminen dieser Woche ein | Neue Kontakte erfasst\n"
        "Gib jedem offenen Deal einen nächsten Schritt mit Datum | Kein offener Deal ohne nächsten Schritt\n"
        "Schließ Deals ohne Aktivität seit 90 Tagen als „verloren – keine Antwort“ | Die Pipeline zeigt nur aktive Deals\n"
        "Schick mir die Liste der fälligen Nachfassaktionen der nächsten Woche | Ich weiß, wen ich anrufen muss",
    },
    {
        "slug": "customer-support-replies",
        "area": "customer_support",
        "estimated_minutes": 60,
        "title_en": "Customer support replies",
        "title_de": "Kundenanfragen beantworten",
        "purpose_en": "Customers get a friendly, correct answer within one working day.",
        "purpose_de": "Kunden bekommen innerhalb eines Werktags eine freundliche, richtige Antwort.",
        "done_en": "Every ticket answered or escalated; new recurring questions added to the FAQ.",
        "done_de": "Jede Anfrage ist beantwortet oder weitergegeben; neue wiederkehrende Fragen "
        "stehen in den FAQ.",
        "tools_en": "Help desk (e.g. Zendesk, Freshdesk), FAQ and reply macros, order admin (read only)",
        "tools_de": "Helpdesk (z. B. Zendesk, Freshdesk), FAQ und Antwortbausteine, Bestellverwaltung (nur lesen)",
        "steps_en": "Open the help desk, oldest ticket first | You work in arrival order\n"
        "Look up the customer's order before answering | You know what they bought and when\n"
        "Answer with the matching macro, personalised with their name and details | Reply is friendly and specific\n"
        "Refunds above 50 EUR, legal threats and press go to the founder | Escalations are tagged 'founder'\n"
        "Set each ticket to solved or waiting | No ticket left open without a status\n"
        "Add any question asked three times this week to the FAQ draft | The FAQ grows with real questions",
        "steps_de": "Öffne den Helpdesk, älteste Anfrage zuerst | Du arbeitest in Eingangsreihenfolge\n"
        "Schau dir die Bestellung an, bevor du antwortest | Du weißt, was wann gekauft wurde\n"
        "Antworte mit dem passenden Baustein, persönlich mit Namen und Details | Die Antwort ist freundlich und konkret\n"
        "Erstattungen über 50 €, rechtliche Drohungen und Presseanfragen gehen an mich | Weitergegebenes ist mit „Zur Entscheidung“ markiert\n"
        "Setz jede Anfrage auf gelöst oder wartend | Keine Anfrage bleibt ohne Status\n"
        "Nimm jede Frage, die diese Woche dreimal kam, in den FAQ-Entwurf auf | Die FAQ wachsen mit echten Fragen",
    },
]


def add_templates(apps, schema_editor):
    Template = apps.get_model("sops", "Template")
    for row in TEMPLATES:
        Template.objects.update_or_create(slug=row["slug"], defaults=row)


def remove_templates(apps, schema_editor):
    Template = apps.get_model("sops", "Template")
    Template.objects.filter(slug__in=[row["slug"] for row in TEMPLATES]).delete()


class Migration(migrations.Migration):
    dependencies = [("sops", "0001_initial")]

    operations = [migrations.RunPython(add_templates, remove_templates)]
