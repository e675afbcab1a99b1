# language: fr
Fonctionnalité: Recherches enregistrées et alertes emplois (section 5 du guide)
  Depuis « Rech. Emplois », le candidat enregistre une recherche, éventuellement comme alerte emploi :
  chaque appel à candidature publié qui y correspond lui est alors annoncé par courriel. Il garde au plus
  5 recherches, valides 6 mois chacune ; le portail avance son horloge à la demande du banc de test pour
  vérifier cette durée de part et d'autre de sa limite.

  Contexte:
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat

  @REQ-ALR-01 @needs-control-api
  Scénario: « Tt moment » montre les appels à candidature publiés à n'importe quelle date
    Étant donné deux appels à candidature partageant un mot clé, publiés il y a 3 jours et il y a 400 jours
    Quand je clique sur le lien « Rech. Emplois »
    Et je saisis ce mot clé dans les critères de recherche
    Et je choisis « Tt moment » dans « Rech. offres publiées sous »
    Et je clique sur le bouton « Rechercher »
    Alors les deux appels à candidature sont listés

  @REQ-ALR-08 @needs-control-api
  Scénario: Une période de « Rech. offres publiées sous » autre que « Tt moment » écarte les offres plus anciennes
    Étant donné deux appels à candidature partageant un mot clé, publiés il y a 3 jours et il y a 400 jours
    Quand je clique sur le lien « Rech. Emplois »
    Et je saisis ce mot clé dans les critères de recherche
    Et je choisis dans « Rech. offres publiées sous » une période de quelques jours à quelques mois
    Et je clique sur le bouton « Rechercher »
    Alors seul l'appel à candidature publié il y a 3 jours est listé

  @REQ-ALR-02 @REQ-ALR-06 @needs-control-api @needs-mail
  Scénario: Une alerte emploi annonce par courriel l'appel à candidature publié qui lui correspond
    Étant donné un appel à candidature pas encore publié, avec un mot clé qui lui est propre
    Et un autre appel à candidature pas encore publié, sans ce mot clé
    Quand je clique sur le lien « Rech. Emplois »
    Et je saisis ce mot clé dans les critères de recherche
    Et je choisis « Tt moment » dans « Rech. offres publiées sous »
    Et je clique sur le bouton « Enregistrer recherche »
    Et je nomme cette recherche « Mon alerte »
    Et je coche « Utiliser comme Alerte emploi »
    Et j'entre une adresse email valide dans le champ « Envoyer une notification Alerte emploi à : »
    Et je clique sur le bouton « Enregistrer »
    Alors « Mon alerte » figure parmi mes recherches enregistrées
    Quand l'autre appel à candidature est publié
    Et l'appel à candidature est publié
    Alors un courriel d'alerte emploi nommant l'appel à candidature arrive à cette adresse
    Et aucun courriel d'alerte emploi ne nomme l'autre appel à candidature
    Et le lien du courriel mène à la page de l'appel à candidature

  @REQ-ALR-03 @needs-accounts
  Scénario: Une adresse de notification non valide est refusée et la saisie est conservée
    Quand je clique sur le lien « Rech. Emplois »
    Et je clique sur le bouton « Enregistrer recherche »
    Et je nomme cette recherche « Alerte mal adressée »
    Et je coche « Utiliser comme Alerte emploi »
    Et j'entre « pas-une-adresse » dans le champ « Envoyer une notification Alerte emploi à : »
    Et je clique sur le bouton « Enregistrer »
    Alors l'enregistrement est refusé avec un message nommant « Envoyer une notification Alerte emploi à : »
    Et le champ « Envoyer une notification Alerte emploi à : » contient toujours « pas-une-adresse »
    Et « Alerte mal adressée » ne figure pas parmi mes recherches enregistrées

  @REQ-ALR-04 @needs-accounts
  Scénario: Cinq recherches enregistrées au plus ; une sixième attend qu'une autre soit supprimée
    Quand j'enregistre 5 recherches
    Alors les 5 figurent parmi mes recherches enregistrées
    Quand j'enregistre une recherche nommée « Sixième recherche »
    Alors l'enregistrement est refusé avec un message demandant d'en supprimer une
    Et « Sixième recherche » ne figure pas parmi mes recherches enregistrées
    Quand je renvoie au portail l'enregistrement noté de la dernière recherche, sous le nom « Sixième bis »
    Alors « Sixième bis » ne figure pas parmi mes recherches enregistrées
    Quand je supprime l'une de mes recherches enregistrées
    Et je renvoie au portail l'enregistrement noté de la dernière recherche, sous le nom « Sixième recherche »
    Alors « Sixième recherche » figure parmi mes recherches enregistrées

  @REQ-ALR-05 @needs-control-api @needs-clock
  Plan du scénario: Une recherche enregistrée est valide 6 mois, pas au-delà
    Étant donné que j'ai enregistré une recherche nommée « Juristes à Genève »
    Quand l'horloge du portail avance jusqu'à 6 mois <écart> un jour après l'enregistrement
    Et je me reconnecte et j'ouvre mes recherches enregistrées
    Alors la recherche « Juristes à Genève » est <état>

    Exemples:
      | écart | état    |
      | moins | valide  |
      | plus  | expirée |

  @REQ-ALR-07 @needs-control-api @needs-clock @needs-mail
  Scénario: Une alerte emploi expirée n'envoie plus rien
    Étant donné que j'ai enregistré une alerte emploi « Ancienne alerte » pour un mot clé, vers une première adresse
    Quand l'horloge du portail avance jusqu'à 6 mois plus un jour après l'enregistrement
    Et je me reconnecte et j'enregistre une alerte emploi « Nouvelle alerte » pour le même mot clé, vers une seconde adresse
    Et un appel à candidature correspondant à ce mot clé est publié
    Alors un courriel d'alerte emploi nommant l'appel à candidature arrive à la seconde adresse
    Et aucun courriel d'alerte emploi n'est arrivé à la première adresse
