"""Every French string the Python code shows (labels, choices, messages, statuses).

Templates hold the rest. An English locale would be a sibling module with the same names, chosen by the
``LOCALE`` setting; stored values (choices, statuses) stay in the guide's French.
"""

from __future__ import annotations

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
FORM_SUMMARY = "Le formulaire contient des erreurs. Corrigez les champs suivants :"
DRAFT_SUMMARY = "Certaines valeurs n'ont pas été enregistrées. Corrigez les champs suivants :"


def field_error(label: str, hint: str) -> str:
    return f"{label} : {hint}"


def too_long(limit: int) -> str:
    return f"saisissez au plus {limit} caractères."


def integer_hint(low: int | None, high: int | None) -> str:
    return f"saisissez un nombre entier entre {low} et {high}."


def year_hint(low: int | None, high: int | None) -> str:
    return f"saisissez une année à 4 chiffres entre {low} et {high}, par exemple 2015."


# --- authentication -----------------------------------------------------------------------------------
BAD_CREDENTIALS = "Code utilisateur ou mot de passe incorrect. Vérifiez votre saisie et réessayez."
ACCOUNT_CREATED = "Votre compte a été créé."


def session_expired(minutes: int) -> str:
    return (
        f"Votre session a expiré après {minutes} minutes d'inactivité. "
        "Reconnectez-vous : ce que vous aviez enregistré est conservé."
    )


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


def missing_field(section: str, label: str) -> str:
    return f"{section} : {label}"


def confirmation_subject(number: str) -> str:
    return f"Nous avons bien reçu votre candidature – {number}"


def confirmation_body(first_name: str, number: str, title: str, submitted: str) -> str:
    return (
        f"Bonjour {first_name},\n\n"
        f"Nous avons bien reçu votre candidature à l'appel à candidature {number} – {title}, "
        f"soumise le {submitted}.\n\n"
        "Vous pouvez suivre son statut à tout moment dans « Mes candidatures ».\n\n"
        "Ce message est envoyé automatiquement : merci de ne pas y répondre.\n"
    )


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
