# language: fr
Fonctionnalité: Expiration de la session après 20 minutes d'inactivité (remarque de la section 3)
  La session se ferme après 20 minutes sans activité ; ce qui a été enregistré n'est pas perdu. Le
  portail avance son horloge à la demande du banc de test, de sorte que la limite se vérifie en
  quelques secondes, de part et d'autre. Deux minutes avant la fin, la page ouverte prévient et propose de
  rester connecté ; l'horloge du navigateur est alors simulée par le banc de test, en même temps que celle
  du portail.

  Contexte:
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Et que j'ai enregistré un projet de candidature avec une lettre de motivation

  @REQ-SES-01 @needs-accounts @needs-clock
  Plan du scénario: La session tient jusqu'à 20 minutes d'inactivité, pas au-delà
    # L'inactivité part d'un chargement de page : la limite se vérifie à la seconde près.
    Quand j'affiche à nouveau la page
    Et je reste inactif pendant <durée>
    Et j'affiche à nouveau la page
    Alors je suis <état>

    Exemples:
      | durée      | état               |
      | 19 min 59 s | toujours connecté |
      | 20 min 01 s | déconnecté        |

  @REQ-SES-02 @needs-accounts @needs-clock
  Scénario: Ce qui a été enregistré survit à l'expiration de la session
    Quand je reste inactif pendant 20 min 01 s
    Et j'affiche à nouveau la page
    Alors je suis déconnecté
    Quand je me reconnecte en tant que ce candidat
    Et je rouvre mon projet de candidature depuis « Mes candidatures »
    Et je vais à la section « Lettre de motivation »
    Alors la lettre de motivation enregistrée est toujours là

  @REQ-SES-03 @needs-accounts @needs-clock
  Scénario: Deux minutes avant l'expiration, un avertissement propose de rester connecté
    Étant donné que l'horloge du navigateur est contrôlée par le test
    Quand la page reste ouverte sans activité pendant 17 min 59 s
    Alors l'avertissement de fin de session n'est pas affiché
    Quand la page reste ouverte sans activité pendant 0 min 01 s
    Alors l'avertissement de fin de session s'affiche
    Quand je choisis de rester connecté
    Alors l'avertissement de fin de session n'est plus affiché
    Quand je reste inactif pendant 19 min 00 s
    Et j'affiche à nouveau la page
    Alors je suis toujours connecté

  @REQ-SES-04 @needs-accounts @needs-clock
  Scénario: À l'expiration, la page restée ouverte passe d'elle-même à la page de connexion
    Étant donné que l'horloge du navigateur est contrôlée par le test
    Quand la page reste ouverte sans activité pendant 20 min 01 s
    Alors je suis déconnecté

  @REQ-SES-01 @needs-accounts @needs-clock
  Scénario: L'inactivité se compte depuis la dernière page affichée, pas depuis la connexion
    Quand j'affiche à nouveau la page
    Et je reste inactif pendant 15 min 00 s
    Et j'affiche à nouveau la page
    Et je reste inactif pendant 15 min 00 s
    Et j'affiche à nouveau la page
    Alors je suis toujours connecté

  @REQ-SES-01 @needs-accounts @needs-clock
  Scénario: Une fois la session expirée, le portail n'enregistre plus rien de ce qu'elle envoie
    # Preuve côté serveur : l'enregistrement de la lettre est renvoyé tel que la page l'a envoyé.
    Quand je renvoie au portail l'enregistrement noté de la lettre de motivation
    Et je reste inactif pendant 20 min 01 s
    Et je renvoie au portail l'enregistrement noté de la lettre de motivation, avec un autre texte
    Et j'affiche à nouveau la page
    Alors je suis déconnecté
    Quand je me reconnecte en tant que ce candidat
    Et je rouvre mon projet de candidature depuis « Mes candidatures »
    Et je vais à la section « Lettre de motivation »
    Alors la lettre de motivation enregistrée est toujours là
