import logging

from reference_portal.mail import send_mail

from .support import make_app


def test_sends_plain_utf8(tmp_path, mailbox):
    box, port = mailbox
    app = make_app(tmp_path, SMTP_HOST="127.0.0.1", SMTP_PORT=port)
    with app.app_context():
        assert send_mail("a@exemple.org", "Objet – é", "Corps accentué")
    assert box.messages[0]["Subject"] == "Objet – é" and "Corps accentué" in box.messages[0].get_content()


def test_not_configured_only_logs(tmp_path, caplog):
    caplog.set_level(logging.INFO, logger="reference_portal.mail")
    with make_app(tmp_path).app_context():
        assert send_mail("a@exemple.org", "Objet", "Corps") is False
    assert "mail not sent" in caplog.text
