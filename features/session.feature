# language: fr
Fonctionnalité: Expiration de la session après 20 minutes d'inactivité (remarque de la section 3)
  La session se ferme après 20 minutes sans activité ; ce qui a été enregistré n'est pas perdu. Le
  portail avance son horloge à la demande du banc de test, de sorte que la limite se vérifie en
  quelques secondes, de part et d'autre.

  Contexte:
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Et que j'ai enregistré un projet de candidature avec une lettre de motivation

  @REQ-SES-01 @needs-control-api @needs-clock
  Plan du scénario: La session tient jusqu'à 20 minutes d'inactivité, pas au-delà
    Quand je reste inactif pendant <durée>
    Et j'affiche à nouveau la page
    Alors je suis <état>

    Exemples:
      | durée      | état               |
      | 19 min 59 s | toujours connecté |
      | 20 min 01 s | déconnecté        |

  @REQ-SES-02 @needs-control-api @needs-clock
  Scénario: Ce qui a été enregistré survit à l'expiration de la session
    Quand je reste inactif pendant 20 min 01 s
    Et j'affiche à nouveau la page
    Alors je suis déconnecté
    Quand je me reconnecte en tant que ce candidat
    Et je rouvre mon projet de candidature depuis « Mes candidatures »
    Et je vais à la section « Lettre de motivation »
    Alors la lettre de motivation enregistrée est toujours là
