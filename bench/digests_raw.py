"""The raw SMTP sender the digest benchmark runs in subprocesses (no Django). Bench only."""

import smtplib

TRIVIAL = "From: bench@localhost\r\nTo: sink@localhost\r\nSubject: raw\r\n\r\nHello.\r\n"


def send(port: int, count: int) -> None:
    with smtplib.SMTP("127.0.0.1", port) as smtp:
        for _ in range(count):
            smtp.sendmail("bench@localhost", ["sink@localhost"], TRIVIAL)
