# language: fr
Fonctionnalité: Préparer un projet de candidature (section 3 du guide)
  Un projet de candidature se prépare sans appel à candidature ; « Enregistrer » le conserve et
  « Fermer » ramène à la liste « Mes candidatures », où il apparaît en « Brouillon ».

  @REQ-DRA-01 @REQ-DRA-02 @REQ-DRA-03 @REQ-DRA-04 @needs-accounts
  Scénario: Enregistrer puis fermer un projet de candidature le laisse en « Brouillon »
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand je clique sur le lien « Mes candidatures »
    Et je clique sur le bouton « Créer un projet de candidature »
    Et je réponds à la question et je clique sur « Suivant »
    Et je choisis « Créer une nouvelle candidature » et je clique sur « Suivant »
    Et je vais à la section « Lettre de motivation »
    Et j'écris une lettre de motivation
    Et je clique sur le bouton « Enregistrer »
    Alors le message « Votre candidature en cours a été enregistrée » s'affiche
    Quand je clique sur le bouton « OK »
    Et je clique sur le bouton « Fermer »
    Alors je suis sur la page « Carrières »
    Et la liste « Mes candidatures » montre une candidature au statut « Brouillon » avec sa « Date de création »

  @REQ-DRA-06 @needs-accounts
  Scénario: Sans candidature enregistrée, le serveur refuse aussi la reprise qu'envoie une requête
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand je clique sur le lien « Mes candidatures »
    Et je clique sur le bouton « Créer un projet de candidature »
    Et je réponds à la question et je clique sur « Suivant »
    Et je prépare le choix « Créer une nouvelle candidature » sans l'envoyer
    Et je renvoie au portail ce choix, changé en « Reprendre une candidature existante ou précédente »
    Alors « Mes candidatures » ne montre aucune candidature
    Quand je renvoie au portail ce choix tel quel
    Et je clique sur le lien « Mes candidatures »
    Alors la liste « Mes candidatures » montre une candidature au statut « Brouillon » avec sa « Date de création »

  @REQ-DRA-05 @REQ-DRA-06 @needs-accounts
  Scénario: Sans candidature enregistrée, l'option de reprise n'est pas disponible
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand je clique sur le lien « Mes candidatures »
    Et je clique sur le bouton « Créer un projet de candidature »
    Et je réponds à la question et je clique sur « Suivant »
    Alors les options « Reprendre une candidature existante ou précédente », « Créer une nouvelle candidature » et « Mettre en ligne à partir d'un fichier » sont proposées
    Et l'option « Reprendre une candidature existante ou précédente » n'est pas disponible et la page dit pourquoi

  @REQ-DRA-07 @needs-control-api
  Scénario: Le modèle proposé par défaut est la dernière candidature créée
    Étant donné un candidat inscrit dont le profil est complet
    Et ce candidat a déjà enregistré une candidature « Juriste adjoint » dont la formation est à « Université de Dakar »
    Et ce candidat a déjà enregistré une candidature « Traducteur arabe » dont la formation est à « Université de Genève »
    Et que je suis connecté en tant que ce candidat
    Quand je clique sur le lien « Mes candidatures »
    Et je clique sur le bouton « Créer un projet de candidature »
    Et je réponds à la question et je clique sur « Suivant »
    Alors le tableau « Modèle de candidature précédente » montre la candidature « Traducteur arabe » et pas les autres

  @REQ-DRA-07 @needs-control-api
  Scénario: Choisir une autre candidature avec l'icône 🔍 en recopie le contenu
    Étant donné un candidat inscrit dont le profil est complet
    Et ce candidat a déjà enregistré une candidature « Juriste adjoint » dont la formation est à « Université de Dakar »
    Et ce candidat a déjà enregistré une candidature « Traducteur arabe » dont la formation est à « Université de Genève »
    Et que je suis connecté en tant que ce candidat
    Quand je clique sur le lien « Mes candidatures »
    Et je clique sur le bouton « Créer un projet de candidature »
    Et je réponds à la question et je clique sur « Suivant »
    Et je clique sur l'icône 🔍 « Choisir une autre candidature »
    Et je choisis la candidature « Juriste adjoint »
    Alors le tableau « Modèle de candidature précédente » montre la candidature « Juriste adjoint » et pas les autres
    Quand je choisis « Reprendre une candidature existante ou précédente » et je clique sur « Suivant »
    Et je vais à la section « Formation »
    Alors le champ « Nom de l'établissement » vaut « Université de Dakar »

  # Le guide ne numérote que « Vérifier/soumettre » (étape 8 sur 8) : les étapes d'avant ne sont vérifiées
  # que si le profil du portail déclare que chaque page indique la sienne.
  @REQ-DRA-08 @needs-accounts
  Scénario: Chaque page d'un projet de candidature indique son étape, dans l'ordre des six sections
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand je clique sur le lien « Mes candidatures »
    Et je clique sur le bouton « Créer un projet de candidature »
    Alors la page indique son étape « Étape 1 sur 8 »
    Quand je réponds à la question et je clique sur « Suivant »
    Alors la page indique son étape « Étape 1 sur 8 »
    Quand je choisis « Créer une nouvelle candidature » et je clique sur « Suivant »
    Alors « Suivant » mène d'une page à la suivante dans cet ordre, chacune indiquant son étape :
      | page                                    | étape         |
      | Questions de présélection               | Étape 2 sur 8 |
      | Formation                               | Étape 3 sur 8 |
      | Expérience professionnelle              | Étape 4 sur 8 |
      | Connaissances linguistiques             | Étape 5 sur 8 |
      | Compétences et formations               | Étape 6 sur 8 |
      | Lettre de motivation et pièces-jointes  | Étape 7 sur 8 |
      | Références                              | Étape 7 sur 8 |
      | Dernières questions                     | Étape 7 sur 8 |
      | Vérifier Mon profil                     | Étape 7 sur 8 |
      | Vérifier/soumettre                      | Étape 8 sur 8 |

  @REQ-DRA-09 @needs-control-api
  Scénario: La « Date de candidature » n'apparaît que pour une candidature soumise
    Étant donné un candidat inscrit dont le profil est complet
    Et ce candidat a soumis une candidature « Traducteur arabe »
    Et ce candidat a un projet de candidature
    Et que je suis connecté en tant que ce candidat
    Quand je clique sur le lien « Mes candidatures »
    Alors la candidature « Traducteur arabe » a le statut « Postulé » et pour « Date de candidature » le jour de sa soumission
    Et la candidature au statut « Brouillon » a une « Date de candidature » vide

  @REQ-DRA-10 @needs-control-api
  Scénario: Une candidature soumise ne peut plus être modifiée
    Étant donné un candidat inscrit dont le profil est complet
    Et ce candidat a soumis une candidature « Traducteur arabe »
    Et que je suis connecté en tant que ce candidat
    Quand je clique sur le lien « Mes candidatures »
    Alors la candidature « Traducteur arabe » n'offre pas le lien de modification d'un projet
    Quand j'ouvre la candidature « Traducteur arabe »
    Et je vais à la section « Formation »
    Alors aucun bouton « Enregistrer » n'est proposé et le champ « Nom de l'établissement » n'est pas modifiable

  @REQ-DRA-10 @needs-accounts
  Scénario: Une fois la candidature soumise, le serveur refuse d'en changer la lettre ou les fichiers joints
    # Preuve côté serveur : les requêtes que la page a envoyées pour le brouillon sont renvoyées au portail.
    Étant donné un candidat inscrit dont le profil est complet
    Et un appel à candidature ouvert avec des questions de présélection
    Et que je suis connecté en tant que ce candidat
    Quand je postule à cet appel à candidature et j'arrive à l'étape « Vérifier/soumettre »
    Et j'enregistre une lettre de motivation et un fichier joint, requêtes notées
    Et je soumets ma candidature depuis l'étape « Vérifier/soumettre »
    Et je renvoie au portail l'enregistrement noté de la lettre de motivation, avec un autre texte
    Et je renvoie au portail l'ajout noté du fichier joint
    Alors ma candidature garde la lettre de motivation et les seuls fichiers joints d'avant la soumission

  @REQ-PDF-01 @REQ-PDF-02 @needs-control-api
  Scénario: « Voir/Imprimer PHP » donne la candidature en PDF, sans fenêtre pop-up
    Étant donné un candidat inscrit dont le profil est complet
    Et ce candidat a soumis une candidature « Traducteur arabe »
    Et que je suis connecté en tant que ce candidat
    Quand je clique sur le lien « Mes candidatures »
    Et je suis le lien « Voir/Imprimer PHP » de la candidature « Traducteur arabe »
    Alors j'obtiens un document PDF qui nomme le candidat
    Et aucune fenêtre pop-up ne s'est ouverte
