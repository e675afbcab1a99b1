# language: fr
Fonctionnalité: Les règles de la foire aux questions (section 6 du guide)
  Quand une candidature peut être soumise, ce que montrent les questions de présélection, les appels à
  candidature réservés à une liste de candidats présélectionnés, la liste « Mes candidatures », le retrait
  d'une candidature et ce qui peut encore changer après la soumission.

  Contexte:
    Étant donné un candidat inscrit dont le profil est complet

  @REQ-FAQ-01 @REQ-FAQ-02 @needs-accounts
  Scénario: Une candidature liée à aucun emploi ne peut pas être soumise ; « Postuler » est le moyen de la lier
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et que je suis connecté en tant que ce candidat
    Quand je crée un projet de candidature et je complète chaque section, sans y trouver « Soumettre candidature »
    Alors la page indique « Candidature à : Vous n'avez pas sélectionné d'emploi »
    Et le bouton « Soumettre candidature » est désactivé
    Quand je clique sur le bouton « Quitter »
    Et je clique sur le lien « Recherche d'emploi »
    Et je cherche l'appel à candidature par son numéro et je clique sur « Rechercher »
    Et j'ouvre l'appel à candidature trouvé
    Alors je peux postuler

  @REQ-FAQ-02 @needs-accounts
  Scénario: Forcer l'envoi du « Soumettre candidature » désactivé d'une candidature liée à aucun emploi ne la soumet pas
    Étant donné que je suis connecté en tant que ce candidat
    Quand je crée un projet de candidature et je complète chaque section, sans y trouver « Soumettre candidature »
    Et je force l'envoi du formulaire du bouton désactivé « Soumettre candidature »
    Et si les « Conditions générales » s'affichent, je coche « J'accepte ces conditions » et je clique sur « Certifier et soumettre votre candidature »
    Alors « Mes candidatures » montre ce projet au statut « Brouillon » et aucune candidature au statut « Postulé »

  @REQ-FAQ-03 @needs-control-api
  Plan du scénario: Une candidature à un appel à candidature <état> ne peut pas être soumise
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et que je suis connecté en tant que ce candidat
    Quand je postule à cet appel à candidature et j'arrive à l'étape « Vérifier/soumettre »
    Et je prépare la soumission finale sans l'envoyer
    Et l'appel à candidature devient « <état> »
    Et je clique sur le lien « Vérifier/soumettre »
    Alors le bouton « Soumettre candidature » est désactivé
    Et la page indique « <raison> »
    Quand je renvoie au portail la soumission préparée
    Alors ma candidature à cet appel à candidature est toujours au statut « Brouillon »
    Quand l'appel à candidature redevient ouvert
    Et je renvoie au portail la soumission préparée
    Alors ma candidature à cet appel à candidature est au statut « Postulé »

    Exemples:
      | état                       | raison                                                        |
      | fermé                      | Cet appel à candidature est fermé                             |
      | annulé                     | Cet appel à candidature a été annulé                          |
      | pourvu à partir d'une liste | pourvu à partir d'une liste de candidats présélectionnés      |

  @REQ-FAQ-04 @needs-accounts
  Scénario: Un projet créé avec « Créer un projet de candidature » n'a pas de questions de présélection
    Étant donné que je suis connecté en tant que ce candidat
    Quand je crée un projet de candidature depuis « Mes candidatures »
    Alors la section « Questions de présélection » est vide et explique pourquoi

  @REQ-FAQ-04 @needs-accounts
  Scénario: Une candidature créée avec « Postuler » montre les questions de présélection de l'offre
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et que je suis connecté en tant que ce candidat
    Quand je postule à cet appel à candidature et j'arrive aux « Questions de présélection »
    Alors les questions de présélection de l'appel à candidature s'affichent

  @REQ-FAQ-05 @needs-control-api
  Plan du scénario: Seuls les candidats de la liste, même famille et même niveau, postulent sur une liste
    Étant donné un appel à candidature de type « Recrutement sur la base d'un fichier de candidats présélectionnés » au niveau P-3 de la famille « Political Affairs »
    Et <liste>
    Et que je suis connecté en tant que ce candidat
    Quand j'ouvre cet appel à candidature
    Alors le type « Recrutement sur la base d'un fichier de candidats présélectionnés » est indiqué
    Et <issue>

    Exemples:
      | liste                                                                   | issue                                                        |
      | le candidat figure sur une liste au niveau P-3 de la famille « Political Affairs » | je peux postuler                                    |
      | le candidat figure sur une liste au niveau P-4 de la famille « Political Affairs » | « Postuler » m'est refusé car je ne figure pas sur la liste |
      | le candidat ne figure sur aucune liste                                  | « Postuler » m'est refusé car je ne figure pas sur la liste |

  @REQ-FAQ-05 @needs-control-api
  Scénario: Hors de la liste, la requête de « Postuler » renvoyée au portail n'ouvre pas de candidature
    Étant donné un appel à candidature de type « Recrutement sur la base d'un fichier de candidats présélectionnés » au niveau P-3 de la famille « Political Affairs »
    Et un candidat de la liste au niveau P-3 de la famille « Political Affairs »
    Quand le candidat de la liste ouvre cet appel à candidature et prépare « Postuler » sans l'envoyer
    Et je me connecte en tant que ce candidat, qui ne figure sur aucune liste
    Et je renvoie au portail la requête « Postuler » préparée, depuis « Mon Profil »
    Alors aucune candidature n'est enregistrée pour cet appel à candidature

  @REQ-FAQ-06 @needs-control-api
  Scénario: Une candidature « A l'étude » a bien été reçue et apparaît ainsi dans « Mes candidatures »
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et que je suis connecté en tant que ce candidat
    Et que j'ai soumis une candidature à cet appel à candidature
    Quand je clique sur le lien « Mes candidatures »
    Alors la liste « Mes candidatures » montre cet appel à candidature au statut « Postulé »
    Quand le recruteur passe ma candidature au statut « A l'étude »
    Et je clique sur le bouton « Actualiser »
    Alors la liste « Mes candidatures » montre cet appel à candidature au statut « A l'étude »

  @REQ-FAQ-07 @needs-accounts
  Scénario: « Toutes » montre aussi une candidature retirée
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et que je suis connecté en tant que ce candidat
    Et que j'ai soumis une candidature à cet appel à candidature
    Quand j'ouvre ma candidature depuis « Mes candidatures »
    Et je clique sur le bouton « Retirer ma candidature »
    Et je clique sur le bouton « Confirmer le retrait »
    Et je clique sur le lien « Mes candidatures »
    Et je choisis « Toutes » dans « Afficher mes candidatures »
    Et je clique sur le bouton « Actualiser »
    Alors la liste « Mes candidatures » montre cet appel à candidature au statut « Retirée »

  @REQ-FAQ-08 @needs-control-api
  Scénario: Après le retrait, ni « Postuler » ni la soumission ne donnent une nouvelle candidature, même sans la page
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et que je suis connecté en tant que ce candidat
    Quand j'ai soumis une candidature à cet appel à candidature
    Et j'ouvre ma candidature depuis « Mes candidatures »
    Et je clique sur le bouton « Retirer ma candidature »
    Et je clique sur le bouton « Confirmer le retrait »
    Alors le message « Votre candidature a été retirée » s'affiche
    Quand j'ouvre cet appel à candidature
    Alors la page indique « Vous avez retiré votre candidature à cet appel à candidature »
    Et le bouton « Postuler » n'est pas proposé
    Quand je renvoie au portail la requête notée de « Postuler »
    Et je renvoie au portail la requête notée de la soumission
    Et je clique sur le lien « Mes candidatures »
    Et je choisis « Toutes » dans « Afficher mes candidatures »
    Et je clique sur le bouton « Actualiser »
    Alors la liste « Mes candidatures » montre cet appel à candidature au statut « Retirée »
    Et une seule candidature est enregistrée pour cet appel à candidature

  @REQ-FAQ-09 @needs-control-api
  Scénario: Une candidature « Sélectionné » ne peut plus être retirée
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et que je suis connecté en tant que ce candidat
    Et que j'ai soumis une candidature à cet appel à candidature
    Quand j'ouvre ma candidature depuis « Mes candidatures »
    Et je prépare le retrait de ma candidature sans l'envoyer
    Et le recruteur passe ma candidature au statut « Sélectionné »
    Et j'ouvre ma candidature depuis « Mes candidatures »
    Alors le bouton « Retirer ma candidature » n'est pas proposé
    Et la page indique « votre candidature ne peut plus être retirée »
    Quand je renvoie au portail le retrait préparé
    Et je clique sur le lien « Mes candidatures »
    Alors la liste « Mes candidatures » montre cet appel à candidature au statut « Sélectionné »

  @REQ-FAQ-10 @needs-accounts
  Scénario: Après la soumission, le téléphone du profil change encore, le contenu de la candidature non
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et que je suis connecté en tant que ce candidat
    Quand j'ai soumis une candidature à cet appel à candidature
    Et je remplace mon numéro de téléphone dans « Coordonnées »
    Et je clique sur le bouton « Enregistrer »
    Alors mon nouveau numéro de téléphone est enregistré
    Quand j'ouvre ma candidature depuis « Mes candidatures »
    Et je clique sur le lien « Lettre de motivation »
    Alors la candidature n'offre ni « Enregistrer » ni champ modifiable
    Quand je renvoie au portail l'enregistrement noté de la lettre de motivation, avec un autre texte
    Et j'affiche à nouveau la page
    Alors la lettre de motivation n'a pas pris le texte renvoyé

  @REQ-SUB-14 @needs-control-api @needs-clock
  Scénario: Après la clôture, le serveur refuse la soumission finale préparée avant
    Étant donné un appel à candidature qui ferme demain à 23:59, heure de New York
    Et un candidat inscrit dont le profil est complet
    Et que l'horloge du portail est à 5 minutes de la clôture
    Et que je suis connecté en tant que ce candidat
    Quand je postule à cet appel à candidature et j'arrive à l'étape « Vérifier/soumettre »
    Et je prépare la soumission finale sans l'envoyer
    Et l'horloge du portail arrive à une minute après la clôture
    Et je renvoie au portail la soumission préparée
    Alors ma candidature à cet appel à candidature est toujours au statut « Brouillon »

  @REQ-SUB-17 @needs-accounts
  Scénario: Le serveur refuse la soumission d'une candidature dont un champ obligatoire a été vidé
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et que je suis connecté en tant que ce candidat
    Quand je postule à cet appel à candidature et j'arrive à l'étape « Vérifier/soumettre »
    Et je prépare la soumission finale sans l'envoyer
    Et je vide le champ obligatoire « Lettre de motivation » et je clique sur « Enregistrer »
    Et je clique sur le lien « Vérifier/soumettre »
    Alors le bouton « Soumettre candidature » est désactivé
    Quand je renvoie au portail la soumission préparée
    Alors ma candidature à cet appel à candidature est toujours au statut « Brouillon »
    Quand je rouvre mon projet de candidature depuis « Mes candidatures »
    Et je remplis à nouveau « Lettre de motivation » et je clique sur « Enregistrer »
    Et je renvoie au portail la soumission préparée
    Alors ma candidature à cet appel à candidature est au statut « Postulé »

  @REQ-SUB-18 @needs-accounts
  Scénario: Sans « J'accepte ces conditions », le serveur refuse la soumission finale
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et que je suis connecté en tant que ce candidat
    Quand je postule à cet appel à candidature et j'arrive à l'étape « Vérifier/soumettre »
    Et je prépare la soumission finale sans l'envoyer
    Et je renvoie au portail la soumission préparée, sans la case « J'accepte ces conditions »
    Alors ma candidature à cet appel à candidature est toujours au statut « Brouillon »
    Quand je renvoie au portail la soumission préparée
    Alors ma candidature à cet appel à candidature est au statut « Postulé »
