"""The raw SMTP sender the digest benchmark runs in subprocesses (no Django). Bench only."""

import smtplib

TRIVIAL = "From: bench@localhost\r\nTo: sink@localhost\r\nSubject: raw\r\n\r\nHello.\r\n"


def send(port: int, count: int) -> None:
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for _ in range(count):
            smtp.sendmail("bench@localhost", ["sink@localhost"], TRIVIAL)


def send_same(port: int, count: int, path: str) -> None:
    """Send `count` of the rendered digests pickled at `path` (as the sink received them:
    identical bytes, both parts), cycling through them, over one session."""
    import pickle

    with open(path, "rb") as saved:
        messages = pickle.load(saved)
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for number in range(count):
            mail_from, rcpt_tos, content = messages[number % len(messages)]
            smtp.sendmail(mail_from, rcpt_tos, content)
