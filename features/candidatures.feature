# language: fr
Fonctionnalité: Préparer un projet de candidature (section 3 du guide)
  Un projet de candidature se prépare sans appel à candidature ; « Enregistrer » le conserve et
  « Fermer » ramène à la liste « Mes candidatures », où il apparaît en « Brouillon ».

  @REQ-DRA-01 @REQ-DRA-02 @REQ-DRA-03 @REQ-DRA-04 @needs-control-api
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
