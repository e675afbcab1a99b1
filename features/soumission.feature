# language: fr
Fonctionnalité: Rechercher un appel à candidature et soumettre sa candidature (section 4 du guide)
  Le parcours complet d'un nouveau candidat : inscription, profil, recherche, « Postuler », les huit
  étapes et la soumission, jusqu'au statut « Postulé ».

  # Le parcours de bout en bout, en fumée : chacune de ses étapes a aussi son propre scénario ci-dessous, qui
  # seul décide de son exigence ; le parcours ne décide que de l'ordre des sections dans une candidature
  # commencée par « Postuler ».
  @REQ-SUB-06 @needs-accounts
  Scénario: Parcours complet, de l'inscription au statut « Postulé »
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et que je suis sur le formulaire « Inscription immédiate »
    Quand je remplis le formulaire d'inscription avec la date de naissance de la personne
    Et je clique sur le bouton « Inscription »
    Et j'entre dans inspira avec le compte créé
    Alors je suis sur la page « Accueil »
    Quand je clique sur le lien « Mon Profil »
    Et je complète l'onglet « Coordonnées » et je clique sur « Enregistrer »
    Et je complète l'onglet « Situation de famille » et je clique sur « Enregistrer »
    Et je complète l'onglet « Nationalité et résidence » et je clique sur « Enregistrer »
    Alors le statut du profil est « 100% Complet »
    Quand je clique sur le lien « Rech. Emplois »
    Et je cherche l'appel à candidature par son numéro et je clique sur « Rechercher »
    Et j'ouvre l'appel à candidature trouvé
    Alors sa description est affichée
    Quand je clique sur le bouton « Postuler »
    Et je réponds à la question et je clique sur « Suivant »
    Et je choisis « Créer une nouvelle candidature » et je clique sur « Suivant »
    Et je complète chaque section et je clique sur « Suivant », dans cet ordre :
      | section                                 |
      | Questions de présélection               |
      | Formation                               |
      | Expérience professionnelle              |
      | Connaissances linguistiques             |
      | Compétences et formations               |
      | Lettre de motivation et pièces-jointes  |
      | Références                              |
      | Dernières questions                     |
      | Vérifier Mon profil                     |
    Alors je suis à l'étape « Vérifier/soumettre » qui indique « Étape 8 sur 8 »
    Quand je clique sur le bouton « Soumettre candidature »
    Alors les « Conditions générales » s'affichent
    Quand je coche « J'accepte ces conditions »
    Et je clique sur le bouton « Certifier et soumettre votre candidature »
    Alors le message « Nous avons bien reçu votre candidature » s'affiche
    Quand je clique sur le lien « Retour à recherche d'emplois »
    Et je clique sur le lien « Mes candidatures »
    Alors la candidature à l'appel à candidature a le statut « Postulé »

  @REQ-SUB-01 @needs-accounts
  Scénario: « Rech. Emplois » sur « Accueil » ouvre la recherche d'emplois
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand je clique sur le lien « Rech. Emplois »
    Alors la recherche d'emplois est proposée avec le bouton « Rechercher »

  @REQ-SUB-02 @needs-control-api
  Scénario: « Rechercher » liste les appels à candidature qui répondent aux paramètres, et eux seuls
    Étant donné un appel à candidature avec un mot clé qui lui est propre et un autre qui ne l'a pas
    Et un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand je clique sur le lien « Rech. Emplois »
    Et je saisis ce mot clé dans les critères de recherche
    Et je choisis « Tt moment » dans « Rech. offres publiées sous »
    Et je clique sur le bouton « Rechercher »
    Alors seul l'appel à candidature qui a ce mot clé est listé

  @REQ-SUB-03 @needs-accounts
  Scénario: La page d'un appel à candidature montre sa description et le bouton « Postuler »
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand j'ouvre cet appel à candidature
    Alors sa description est affichée
    Et le bouton « Postuler » est proposé

  @REQ-SUB-04 @needs-accounts
  Scénario: Après « Postuler », la question et « Suivant » mènent au choix de la façon de commencer
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand j'ouvre cet appel à candidature
    Et je clique sur le bouton « Postuler »
    Et je réponds à la question et je clique sur « Suivant »
    Alors les options « Reprendre une candidature existante ou précédente », « Créer une nouvelle candidature » et « Mettre en ligne à partir d'un fichier » sont proposées

  @REQ-SUB-05 @needs-accounts
  Scénario: « Créer une nouvelle candidature » commence une candidature vierge liée à l'appel à candidature
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand je postule à cet appel à candidature et j'arrive aux « Questions de présélection »
    Alors la page indique que la candidature est pour cet appel à candidature
    Et les questions de présélection de l'appel à candidature s'affichent, sans réponse

  @REQ-SUB-07 @needs-accounts
  Scénario: « Vérifier/soumettre », étape 8 sur 8, propose « Soumettre candidature » pour une candidature complète
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand je postule à cet appel à candidature et j'arrive à l'étape « Vérifier/soumettre »
    Alors je suis à l'étape « Vérifier/soumettre » qui indique « Étape 8 sur 8 »
    Et le bouton « Soumettre candidature » est proposé

  @REQ-SUB-08 @needs-control-api
  Scénario: Les « Conditions générales » acceptées, « Certifier et soumettre votre candidature » soumet la candidature
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand je postule à cet appel à candidature et j'arrive à l'étape « Vérifier/soumettre »
    Et je clique sur le bouton « Soumettre candidature »
    Alors les « Conditions générales » s'affichent
    Quand je coche « J'accepte ces conditions »
    Et je clique sur le bouton « Certifier et soumettre votre candidature »
    Alors le portail a enregistré la candidature comme soumise

  @REQ-SUB-09 @needs-accounts
  Scénario: Juste après la soumission, le message de réception et « Retour à recherche d'emplois »
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand j'ai soumis une candidature à cet appel à candidature
    Alors le message « Nous avons bien reçu votre candidature » s'affiche
    Quand je clique sur le lien « Retour à recherche d'emplois »
    Alors la recherche d'emplois est proposée avec le bouton « Rechercher »

  @REQ-SUB-10 @needs-accounts
  Scénario: Dans « Mes candidatures », une candidature soumise a le statut « Postulé »
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand j'ai soumis une candidature à cet appel à candidature
    Et je clique sur le lien « Mes candidatures »
    Alors la candidature à l'appel à candidature a le statut « Postulé »

  @REQ-SUB-11 @needs-accounts @needs-mail
  Scénario: Un courriel de confirmation nommant l'appel à candidature suit la soumission
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand je postule à cet appel à candidature et je soumets ma candidature
    Alors le message « Nous avons bien reçu votre candidature » s'affiche
    Et un courriel de confirmation nommant l'appel à candidature arrive à l'adresse du candidat

  @REQ-SUB-12 @needs-accounts
  Scénario: Le crayon d'une section à l'étape « Vérifier/soumettre » permet de la corriger avant de soumettre
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand je postule à cet appel à candidature et j'arrive à l'étape « Vérifier/soumettre »
    Et je clique sur le crayon « Modifier Lettre de motivation et pièces-jointes »
    Et je remplace « Lettre de motivation » par « Je souhaite rejoindre le Département des affaires politiques. »
    Et je clique sur le bouton « Enregistrer »
    Alors le message « Votre candidature en cours a été enregistrée » s'affiche
    Quand je clique sur le bouton « OK »
    Et je clique sur le lien « Vérifier/soumettre »
    Alors je suis à l'étape « Vérifier/soumettre » qui indique « Étape 8 sur 8 »
    Et la section « Lettre de motivation et pièces-jointes » montre « Je souhaite rejoindre le Département des affaires politiques. »

  @REQ-SUB-13 @needs-accounts
  Scénario: Répondre aux « Questions de présélection », « Enregistrer », « OK » puis « Suivant »
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand je postule à cet appel à candidature et j'arrive aux « Questions de présélection »
    Alors les questions de présélection de l'appel à candidature s'affichent
    Quand je réponds aux questions de présélection
    Et je clique sur le bouton « Enregistrer »
    Alors le message « Votre candidature en cours a été enregistrée » s'affiche
    Quand je clique sur le bouton « OK »
    Et je clique sur le bouton « Suivant »
    Alors je suis à l'étape « Formation » qui indique « Étape 3 sur 8 »

  @REQ-SUB-14 @needs-control-api @needs-clock
  Plan du scénario: « Postuler » est accepté jusqu'à la clôture, 23:59 heure de New York, et refusé après
    Étant donné un appel à candidature qui ferme demain à 23:59, heure de New York
    Et un candidat inscrit dont le profil est complet
    Et que l'horloge du portail est à 2 minutes de la clôture
    Et que je suis connecté en tant que ce candidat
    Quand j'ouvre cet appel à candidature
    Alors la page indique la date limite à 23:59, heure de New York
    Quand l'horloge du portail arrive à une minute <côté> la clôture
    Et je clique sur le bouton « Postuler »
    Alors ma candidature est <issue>

    Exemples:
      | côté  | issue                       |
      | avant | commencée                   |
      | après | refusée pour la date limite |

  @REQ-SUB-14 @needs-control-api @needs-clock
  Plan du scénario: La soumission finale est acceptée jusqu'à la clôture et refusée après
    Étant donné un appel à candidature qui ferme demain à 23:59, heure de New York
    Et un candidat inscrit dont le profil est complet
    Et que l'horloge du portail est à 5 minutes de la clôture
    Et que je suis connecté en tant que ce candidat
    Quand je postule à cet appel à candidature et j'arrive à l'étape « Vérifier/soumettre »
    Et je clique sur le bouton « Soumettre candidature »
    Et je coche « J'accepte ces conditions »
    Et l'horloge du portail arrive à une minute <côté> la clôture
    Et je clique sur le bouton « Certifier et soumettre votre candidature »
    Alors ma candidature est <issue>

    Exemples:
      | côté  | issue                       |
      | avant | soumise                     |
      | après | refusée pour la date limite |

  @REQ-SUB-15 @needs-control-api
  Scénario: « Postuler » une seconde fois n'enregistre pas de seconde candidature
    Étant donné un appel à candidature ouvert avec des questions de présélection
    Et un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand je postule à cet appel à candidature et j'arrive aux « Questions de présélection »
    Et j'ouvre cet appel à candidature
    Et je clique sur le bouton « Postuler »
    Alors « Postuler » ne commence pas de seconde candidature
    Et une seule candidature est enregistrée pour cet appel à candidature

  @REQ-SUB-16 @needs-accounts
  Scénario: Le lien « Manuels » explique la suite de la sélection
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand je clique sur le lien « Manuels »
    Alors je suis sur la page « Manuels »
    Et la page indique « A l'étude »
