"""Every French string the Python code shows (labels, choices, messages, statuses).

Templates hold the rest. The French text is also the message id of its translations
(``translations/<locale>/LC_MESSAGES/messages.po``, see ``reference_portal/i18n.py``): constants are
translated where they are shown (``| t`` in templates), functions translate their sentence before filling
it in. Stored values (choices, statuses) stay in the guide's French.
"""

from __future__ import annotations

from reference_portal.i18n import gettext as _


class Template(str):
    """A French sentence with ``{placeholders}`` that callers fill in: ``format`` translates it first."""

    def format(self, *args: object, **kwargs: object) -> str:
        return _(str(self)).format(*args, **kwargs)

EMPTY_CHOICE = "— Choisir —"
YES_NO = ("Oui", "Non")

# --- form errors --------------------------------------------------------------------------------------
REQUIRED_HINT = "ce champ est obligatoire, renseignez-le."
CHOICE_HINT = "choisissez une valeur dans la liste proposée."
EMAIL_HINT = "saisissez une adresse email valide, par exemple prenom.nom@exemple.org."
PHONE_HINT = "saisissez un numéro de téléphone, par exemple +33 1 23 45 67 89."
MONTH_YEAR_HINT = "saisissez un mois et une année au format mm/aaaa, par exemple 09/2019."
DATE_OF_BIRTH_INVALID = (
    "Date de naissance invalide : saisissez une date réelle au format jj/mm/aaaa, par exemple 05/03/1990."
)
DATE_OF_BIRTH_AGE = "vous devez avoir entre 16 et 100 ans : vérifiez l'année saisie (format jj/mm/aaaa)."
USER_CODE_HINT = "utilisez de 4 à 30 caractères : lettres, chiffres, point, tiret ou tiret bas."
USER_CODE_TAKEN = "Ce code utilisateur est déjà pris : choisissez-en un autre."
PASSWORD_HINT = "choisissez un mot de passe d'au moins 10 caractères."
PASSWORD_MISMATCH = "saisissez exactement le même mot de passe dans les deux champs."
CONTROL_CHARACTER_HINT = "le texte contient un caractère invisible non autorisé : retapez-le sans ce caractère."
LINE_BREAK_HINT = "ce champ tient sur une seule ligne : retirez les retours à la ligne."
REQUEST_TOO_NESTED = (
    "La demande est imbriquée trop profondément pour être lue : envoyez à nouveau le formulaire depuis la page "
    "du portail ; ce qui était déjà enregistré est conservé."
)
NUL_CHARACTER_REFUSED = (
    "La demande contient un caractère nul, qui n'a sa place dans aucun texte : retapez ce que vous aviez saisi "
    "et envoyez-le à nouveau ; ce qui était déjà enregistré est conservé."
)
FORM_SUMMARY = "Le formulaire contient des erreurs. Corrigez les champs suivants :"
DRAFT_SUMMARY = "Certaines valeurs n'ont pas été enregistrées. Corrigez les champs suivants :"


def field_error(label: str, hint: str) -> str:
    return _("{label} : {hint}").format(label=_(label), hint=_(hint))


def too_long(limit: int) -> str:
    return _("saisissez au plus {limit} caractères.").format(limit=limit)


def integer_hint(low: int | None, high: int | None) -> str:
    return _("saisissez un nombre entier entre {low} et {high}.").format(low=low, high=high)


def year_hint(low: int | None, high: int | None) -> str:
    return _("saisissez une année à 4 chiffres entre {low} et {high}, par exemple 2015.").format(low=low, high=high)


# --- authentication -----------------------------------------------------------------------------------
BAD_CREDENTIALS = "Code utilisateur ou mot de passe incorrect. Vérifiez votre saisie et réessayez."
ACCOUNT_CREATED = "Votre compte a été créé."


def session_expired(minutes: int) -> str:
    return _(
        "Votre session a expiré après {minutes} minutes d'inactivité. "
        "Reconnectez-vous : ce que vous aviez enregistré est conservé."
    ).format(minutes=minutes)


def registration_throttled(minutes: int) -> str:
    return _(
        "Trop de comptes ont été créés depuis votre connexion. Attendez {minutes} minutes avant de réessayer : "
        "ce que vous avez saisi est conservé, sauf le mot de passe."
    ).format(minutes=minutes)


def sign_in_throttled(minutes: int) -> str:
    return _(
        "Trop de tentatives de connexion ont échoué. Attendez {minutes} minutes avant de réessayer, "
        "ou utilisez « Mot de passe oublié »."
    ).format(minutes=minutes)


# --- profile ------------------------------------------------------------------------------------------
PROFILE_SAVED = "Votre profil a été enregistré."
DUPLICATE_CANDIDATE = "Le candidat est déjà enregistré dans le système"
MARITAL_STATUSES = ("Célibataire", "Marié(e)", "Pacsé(e)", "Divorcé(e)", "Veuf/Veuve")

# --- applications -------------------------------------------------------------------------------------
DRAFT_SAVED = "Votre candidature en cours a été enregistrée"
ORIGINS = ("Site Carrières de l'ONU", "Réseaux sociaux", "Presse", "Bouche à oreille", "Autre")
DEGREES = ("Baccalauréat", "Licence", "Master", "Doctorat", "Autre")
LANGUAGES = ("Anglais", "Français", "Espagnol", "Arabe", "Chinois", "Russe", "Autre")
LANGUAGE_LEVELS = ("Notions", "Intermédiaire", "Courant", "Langue maternelle")
PROFILE_INCOMPLETE = "Votre profil doit être complet à 100%"
NOT_LINKED = "Vous n'avez pas sélectionné d'emploi"
NOT_LINKED_BLOCKER = (
    "Cette candidature n'est liée à aucun appel à candidature : cherchez un emploi puis cliquez sur « Postuler »."
)
ALREADY_SUBMITTED = "Cette candidature a déjà été soumise : elle ne peut plus être modifiée."
TERMS_NOT_ACCEPTED = "Cochez « J'accepte ces conditions » pour soumettre votre candidature."
OPENING_REFUSALS = {
    "closed": "Cet appel à candidature est fermé : il n'accepte plus de candidatures.",
    "cancelled": "Cet appel à candidature a été annulé : il n'accepte plus de candidatures.",
    "filled_from_roster": (
        "Cet appel à candidature a été pourvu à partir d'une liste de candidats présélectionnés : "
        "il n'accepte plus de candidatures."
    ),
    "deadline": "La date limite de candidature est dépassée : cet appel à candidature n'accepte plus de candidatures.",
    "not_published": "Cet appel à candidature n'est pas encore publié.",
}
OPENING_TYPES = {
    "standard": "Poste spécifique",
    "roster": "Recrutement sur la base d'un fichier de candidats présélectionnés",
}
NOT_ON_ROSTER = (
    "Cet appel à candidature est réservé aux candidats inscrits sur une liste de candidats présélectionnés "
    "pour des fonctions similaires et au même niveau. Vous n'y figurez pas : vous ne pouvez pas y postuler. "
    "Cherchez un autre appel à candidature dans « Rech. Emplois »."
)
ALREADY_WITHDRAWN = (
    "Vous avez retiré votre candidature à cet appel à candidature : vous ne pouvez pas en soumettre une nouvelle "
    "pour la même offre."
)
WITHDRAWN_DONE = "Votre candidature a été retirée."
# Why a withdrawal is refused (rules.withdrawal picks one by the application's status).
WITHDRAWAL_SELECTED = (
    "Vous avez été sélectionné(e) pour cet appel à candidature : votre candidature ne peut plus être retirée."
)
WITHDRAWAL_DRAFT = "Ce projet de candidature n'a pas été soumis : il n'y a rien à retirer."
WITHDRAWAL_ALREADY_DONE = "Cette candidature a déjà été retirée."
WITHDRAWAL_CLOSED = "La sélection pour cet appel à candidature est terminée : la candidature ne peut plus être retirée."
# « Afficher mes candidatures »: key in the URL → the choice a person reads.
APPLICATION_FILTERS = {
    "en-cours": "En cours",
    "brouillons": "Brouillons",
    "soumises": "Soumises",
    "retirees": "Retirées",
    "toutes": "Toutes",
}


def missing_field(section: str, label: str) -> str:
    return _("{section} : {label}").format(section=_(section), label=_(label))


def confirmation_subject(number: str) -> str:
    return _("Nous avons bien reçu votre candidature – {number}").format(number=number)


def confirmation_body(first_name: str, number: str, title: str, submitted: str) -> str:
    return _(
        "Bonjour {first_name},\n\n"
        "Nous avons bien reçu votre candidature à l'appel à candidature {number} – {title}, "
        "soumise le {submitted}.\n\n"
        "Vous pouvez suivre son statut à tout moment dans « Mes candidatures ».\n\n"
        "Ce message est envoyé automatiquement : merci de ne pas y répondre.\n"
    ).format(first_name=first_name, number=number, title=title, submitted=submitted)


# --- saved searches and job alerts (section 5) --------------------------------------------------------
SAVED_SEARCH_LIMIT = Template(
    "Vous avez déjà {limit} recherches enregistrées, le maximum : supprimez-en une dans « Recherches "
    "enregistrées » avant d'en enregistrer une nouvelle."
)
SAVED_SEARCH_SAVED = Template("Votre recherche « {name} » a été enregistrée. Elle est valide jusqu'au {until}.")
SAVED_SEARCH_DELETED = Template("La recherche « {name} » a été supprimée.")
ALERT_EMAIL_REQUIRED = (
    "saisissez l'adresse email à laquelle envoyer l'alerte, ou décochez « Utiliser comme Alerte emploi »."
)


def job_alert_subject(number: str) -> str:
    return _("Alerte emploi : nouvel appel à candidature {number}").format(number=number)


def job_alert_body(search_name: str, number: str, title: str, deadline: str, link: str) -> str:
    return _(
        "Bonjour,\n\n"
        "Un nouvel appel à candidature correspond à votre alerte emploi « {search_name} » :\n\n"
        "{number} – {title}\n"
        "Date limite de candidature : {deadline}\n"
        "Consulter l'appel à candidature : {link}\n\n"
        "Ce message est envoyé automatiquement : merci de ne pas y répondre.\n"
    ).format(search_name=search_name, number=number, title=title, deadline=deadline, link=link)


# --- « Contactez-nous » (section 7) --------------------------------------------------------------------
SCREENSHOT_TYPE = "joignez une image (PNG, JPEG, GIF ou WebP) ; ne joignez pas votre CV."
SCREENSHOT_SIZE = "l'image doit peser moins de 1 Mo : réduisez-la ou recadrez-la puis joignez-la à nouveau."
SCREENSHOT_AGAIN = "Pour des raisons de sécurité, la capture d'écran n'est pas conservée : joignez-la à nouveau."
CONTACT_NOT_SENT = (
    "Votre message n'a pas pu être envoyé au Unite Service Desk pour le moment : ce que vous avez saisi est "
    "conservé, réessayez dans quelques minutes."
)
CONTACT_SENT = Template(
    "Votre message a été envoyé à l'équipe du Unite Service Desk. Vous recevrez une réponse à l'adresse "
    "{email}."
)


def contact_subject(user_code: str, opening_number: str | None) -> str:
    if opening_number:
        return _("Demande d'assistance technique – {user_code} – appel à candidature {number}").format(
            user_code=user_code, number=opening_number
        )
    return _("Demande d'assistance technique – {user_code}").format(user_code=user_code)


# --- offline application form (reference_portal/offline_form.py) ------------------------------------
OFFLINE_FORM_LINK = "Télécharger le formulaire de candidature hors ligne"
OFFLINE_SUMMARY = "Rien n'a été importé. Corrigez le formulaire puis mettez-le de nouveau en ligne :"
OFFLINE_NO_FILE = "Choisissez le fichier du formulaire de candidature hors ligne que vous avez complété."
OFFLINE_NOT_CSV = (
    "Ce fichier n'est pas au format CSV : enregistrez le formulaire au format CSV (extension .csv) puis recommencez."
)
OFFLINE_NOT_TEXT = (
    "Ce fichier n'est pas un fichier texte CSV lisible : enregistrez le formulaire au format « CSV UTF-8 » "
    "puis recommencez."
)
OFFLINE_NOT_THE_FORM = (
    "Ce fichier n'est pas le formulaire de candidature hors ligne : sa ligne d'en-tête « Section ; Champ ; Valeur » "
    "est introuvable. Téléchargez le formulaire depuis la page « Accueil » et complétez la colonne « Valeur »."
)
OFFLINE_NO_FIELDS = (
    "Le fichier ne contient aucun champ du formulaire : gardez les lignes du formulaire téléchargé et complétez "
    "leur colonne « Valeur »."
)


def offline_too_big(limit_kb: int) -> str:
    return _(
        "Ce fichier dépasse {limit_kb} Ko, bien plus qu'un formulaire complété : vérifiez que vous avez choisi "
        "le bon fichier."
    ).format(limit_kb=limit_kb)


def offline_too_many_rows(limit: int) -> str:
    return _(
        "Ce fichier compte plus de {limit} lignes : repartez du formulaire téléchargé depuis la page « Accueil »."
    ).format(limit=limit)


def offline_malformed(line: int) -> str:
    return _(
        "Ligne {line} : cette ligne n'est pas du CSV valide (guillemet non fermé ou cellule démesurée) : "
        "corrigez-la ou repartez d'un formulaire vierge."
    ).format(line=line)


def offline_unknown_field(line: int, section: str, label: str) -> str:
    return _(
        "Ligne {line} : « {section} » / « {label} » ne fait pas partie du formulaire : ne modifiez pas les colonnes "
        "« Section » et « Champ »."
    ).format(line=line, section=section, label=label)


def offline_duplicate(line: int, section: str, label: str, first_line: int) -> str:
    sentence = _("Ligne {line} : « {section} » / « {label} » figure déjà ligne {first_line} : gardez une seule ligne.")
    return sentence.format(line=line, section=section, label=label, first_line=first_line)


def offline_field_problem(line: int, section: str, error: str) -> str:
    return _("Ligne {line} – {section} – {error}").format(line=line, section=_(section), error=_(error))


# --- countries (a sample list of our own, in French) --------------------------------------------------
COUNTRIES = (
    "Afghanistan", "Afrique du Sud", "Algérie", "Allemagne", "Argentine", "Australie", "Autriche", "Belgique",
    "Bénin", "Brésil", "Burkina Faso", "Burundi", "Cameroun", "Canada", "Chili", "Chine", "Colombie",
    "Côte d'Ivoire", "Danemark", "Égypte", "Espagne", "États-Unis", "Éthiopie", "Finlande", "France", "Gabon",
    "Ghana", "Grèce", "Guinée", "Haïti", "Inde", "Indonésie", "Irlande", "Italie", "Japon", "Jordanie", "Kenya",
    "Liban", "Luxembourg", "Madagascar", "Mali", "Maroc", "Maurice", "Mauritanie", "Mexique", "Niger",
    "Nigéria", "Norvège", "Nouvelle-Zélande", "Ouganda", "Pakistan", "Pays-Bas", "Pérou", "Philippines",
    "Pologne", "Portugal", "République centrafricaine", "République démocratique du Congo", "Roumanie",
    "Royaume-Uni", "Rwanda", "Sénégal", "Suède", "Suisse", "Tchad", "Thaïlande", "Togo", "Tunisie", "Turquie",
    "Ukraine", "Viet Nam",
)


# --- account recovery (« Code utilisateur oublié », « Mot de passe oublié ») ---------------------------
SPAM_FOLDER_REMINDER = (
    "Le message n'arrive pas ? Vérifiez le dossier « Courriers Indésirables » de votre messagerie."
)
RECOVERY_EMAIL_HINT = "saisissez l'adresse email de votre compte inspira, par exemple prenom.nom@exemple.org."
RECOVERY_IDENTIFIER_HINT = "saisissez votre code utilisateur ou l'adresse email de votre compte."
USER_CODE_SENT = (
    "Si un compte inspira utilise cette adresse email, un message contenant son code utilisateur "
    "vient d'y être envoyé."
)
RESET_LINK_SENT = (
    "Si un compte inspira correspond à votre saisie, un message contenant un lien pour choisir un nouveau "
    "mot de passe vient d'être envoyé à son adresse email."
)
RESET_LINK_USED = (
    "Ce lien n'est plus valable : il a déjà servi. Si vous n'avez pas changé votre mot de passe, "
    "demandez un nouveau lien avec « Mot de passe oublié »."
)
RESET_LINK_UNKNOWN = (
    "Ce lien n'est pas valable : vérifiez qu'il est complet dans le message reçu, "
    "ou demandez un nouveau lien avec « Mot de passe oublié »."
)
PASSWORD_CHANGED = "Votre mot de passe a été modifié. Connectez-vous avec votre nouveau mot de passe."
USER_CODE_SUBJECT = "inspira – votre code utilisateur"
RESET_SUBJECT = "inspira – choisir un nouveau mot de passe"


def reset_link_expired(minutes: int) -> str:
    return _(
        "Ce lien a expiré : il n'est valable que {minutes} minutes. "
        "Demandez un nouveau lien avec « Mot de passe oublié »."
    ).format(minutes=minutes)


def user_code_body(first_name: str, user_codes: list[str]) -> str:
    codes = "\n".join(f"  {code}" for code in user_codes)
    return _(
        "Bonjour {first_name},\n\n"
        "Vous avez demandé votre code utilisateur inspira. Le voici :\n\n"
        "{codes}\n\n"
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre compte n'a pas changé.\n\n"
        "Ce message est envoyé automatiquement : merci de ne pas y répondre.\n"
    ).format(first_name=first_name, codes=codes)


def reset_body(first_name: str, user_code: str, link: str, minutes: int) -> str:
    return _(
        "Bonjour {first_name},\n\n"
        "Pour choisir un nouveau mot de passe pour le code utilisateur {user_code}, ouvrez ce lien :\n\n"
        "{link}\n\n"
        "Le lien ne sert qu'une fois et n'est valable que {minutes} minutes.\n"
        "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe n'a pas changé.\n\n"
        "Ce message est envoyé automatiquement : merci de ne pas y répondre.\n"
    ).format(first_name=first_name, user_code=user_code, link=link, minutes=minutes)


def recovery_throttled(minutes: int) -> str:
    return _(
        "Trop de demandes ont été faites pour cette saisie ou depuis votre connexion. Attendez {minutes} minutes, "
        "puis réessayez ; pensez à vérifier vos courriers indésirables."
    ).format(minutes=minutes)


# --- session warning and cookies (FAQ vi) -------------------------------------------------------------
SESSION_WARNING_TITLE = "Votre session va expirer"
STAY_SIGNED_IN = "Rester connecté"
COOKIES_REFUSED = (
    "Votre navigateur n'a envoyé aucun cookie : inspira en a besoin pour vous garder connecté(e). "
    "Autorisez les cookies pour ce site, puis reconnectez-vous."
)


def session_warning_text(minutes: int) -> str:
    if minutes > 1:
        sentence = _(
            "Sans activité de votre part, vous serez déconnecté(e) dans {minutes} minutes et ce qui n'est pas "
            "enregistré sera perdu. Cliquez sur « Rester connecté » pour continuer."
        )
    else:
        sentence = _(
            "Sans activité de votre part, vous serez déconnecté(e) dans {minutes} minute et ce qui n'est pas "
            "enregistré sera perdu. Cliquez sur « Rester connecté » pour continuer."
        )
    return sentence.format(minutes=minutes)


# --- look-up fields (🔍) and their lists ---------------------------------------------------------------
def lookup_warning(label: str) -> str:
    return _(
        "{label} : la valeur saisie ne figure pas dans la liste associée et n'a pas été enregistrée. "
        "Effacez-la puis cliquez sur l'icône 🔍 pour choisir une valeur de la liste "
        "(ou laissez le champ vide s'il est facultatif)."
    ).format(label=_(label))


# --- attachments (pièces jointes) -----------------------------------------------------------------------
ATTACHMENT_TYPES = ("pdf", "doc", "docx", "jpg", "png")
ATTACHMENT_MAX_NAME = 50
ATTACHMENT_NONE = "Pièce jointe : choisissez un fichier à joindre."
ATTACHMENT_EMPTY = "Pièce jointe : le fichier est vide. Choisissez un fichier qui a un contenu."
ATTACHMENT_TOO_BIG = (
    "Pièce jointe : le fichier fait 1 Mo ou plus (1 Mo = 1 048 576 octets). "
    "Réduisez sa taille, par exemple en le scannant dans une résolution inférieure, puis joignez-le à nouveau."
)
ATTACHMENT_NAME_TOO_LONG = (
    "Pièce jointe : le nom du fichier est trop long (50 caractères au plus, extension comprise). "
    "Renommez-le avec un nom court, par exemple Initiales_Diplome.pdf."
)
ATTACHMENT_NAME_CHARACTERS = (
    "Pièce jointe : le nom du fichier contient des caractères spéciaux (espaces, accents, ponctuation…). "
    "Renommez-le avec des lettres sans accents, des chiffres, « _ » ou « - » et un seul point avant "
    "l'extension, par exemple Initiales_Diplome.pdf."
)
ATTACHMENT_TYPE = (
    "Pièce jointe : ce type de fichier n'est pas accepté. "
    "Joignez un fichier PDF, Word (doc, docx) ou une image JPG ou PNG."
)
ATTACHMENT_CONTENT = (
    "Pièce jointe : le contenu du fichier ne correspond pas à son extension. "
    "Enregistrez-le à nouveau dans un format accepté (PDF, Word, JPG ou PNG) puis joignez-le."
)
ATTACHMENT_NOT_DRAFT = "Cette candidature a déjà été soumise : utilisez la section « Mes pièces jointes »."
CV_NOT_ACCEPTED = "Un CV ne remplace pas une candidature : seules les candidatures soumises via inspira sont acceptées."


def attachment_added(filename: str) -> str:
    return _("Le fichier « {filename} » a été joint.").format(filename=filename)


REQUEST_TOO_LARGE = (
    "L'envoi est trop volumineux : un fichier joint doit peser moins de 1 Mo. Réduisez le fichier puis "
    "joignez-le à nouveau ; ce qui était déjà enregistré est conservé."
)


# --- the alternative portal (reference_portal/variant.py) ---------------------------------------------------
# The offline form as an XLSX workbook (offline_form.py, alt only).
OFFLINE_NOT_XLSX = (
    "Ce fichier n'est pas un classeur Excel : mettez en ligne le formulaire téléchargé depuis la page « Accueil », "
    "complété et enregistré au format .xlsx."
)
OFFLINE_XLSX_UNREADABLE = (
    "Ce classeur est illisible ou abîmé : enregistrez-le de nouveau au format .xlsx (Classeur Excel) ou repartez "
    "d'un formulaire vierge."
)
OFFLINE_XLSX_NOT_THE_FORM = (
    "Ce classeur n'est pas le formulaire de candidature hors ligne : sa feuille « Candidature » et ses colonnes "
    "« Champ » et « Valeur » sont introuvables. Téléchargez le formulaire depuis la page « Accueil »."
)


def offline_xlsx_unknown_field(row: int, section: str, label: str) -> str:
    return _(
        "Ligne {row} : le champ « {label} » ne fait pas partie de la partie « {section} » du formulaire : ne modifiez "
        "pas la colonne « Champ »."
    ).format(row=row, section=section, label=label)


def offline_xlsx_duplicate(row: int, label: str, first_row: int) -> str:
    return _("Ligne {row} : le champ « {label} » figure déjà ligne {first_row} : gardez-en une seule.").format(
        row=row, label=label, first_row=first_row
    )


# alt's own wording of the refusals the guide does not word (its profile's [messages] quote them): the French
# reference text → alt's text, applied wherever the message is shown (i18n.reword).
ALT_WORDING = {
    ATTACHMENT_TOO_BIG: (
        "Pièce jointe refusée : sa taille atteint ou dépasse 1 000 000 octets. Enregistrez le document en "
        "résolution plus basse ou compressez-le, puis recommencez."
    ),
    ATTACHMENT_NAME_TOO_LONG: (
        "Pièce jointe refusée : nom de fichier trop long, 50 caractères au plus extension comprise "
        "(exemple : Initiales_Diplome.pdf)."
    ),
    ATTACHMENT_NAME_CHARACTERS: (
        "Pièce jointe refusée : nom de fichier non conforme. Utilisez uniquement des lettres sans accents, des "
        "chiffres, « _ », « - » et un point avant l'extension (exemple : Initiales_Diplome.pdf)."
    ),
    OPENING_REFUSALS["deadline"]: "Candidatures closes : l'échéance de cet appel à candidature est passée.",
    NOT_ON_ROSTER: (
        "Seuls les candidats d'une liste de candidats présélectionnés pour des fonctions similaires, au même "
        "niveau, peuvent postuler à cet appel à candidature ; votre nom n'y figure pas."
    ),
    REQUEST_TOO_LARGE: (
        "Envoi refusé car trop volumineux : une pièce jointe doit faire moins de 1 000 000 octets. Ce qui était "
        "déjà enregistré est conservé."
    ),
    # the field naming a saved search (alerts.py): a label the guide does not give (5.v « Nommez cette recherche »)
    "Nom de la recherche": "Intitulé de la recherche",
    # the hint of the attachment fields (templates/attachments/_upload.html), with alt's limit
    "Fichiers acceptés : %(types)s. Taille inférieure à 1 Mo (1 Mo = 1 048 576 octets). Nom court (50 caractères "
    "au plus) sans caractères spéciaux : lettres sans accents, chiffres, « _ » ou « - », par exemple "
    "Initiales_Diplome.pdf.": (
        "Formats : %(types)s. Moins de 1 000 000 octets. Nom court (50 caractères au plus), sans espaces ni "
        "accents : lettres, chiffres, « _ » ou « - », par exemple Initiales_Diplome.pdf."
    ),
}
