# language: fr
Fonctionnalité: Le formulaire de candidature hors ligne (section 3 du guide, option 3)
  Le formulaire se télécharge depuis la page « Accueil », se remplit hors ligne, puis initialise un
  nouveau dossier avec « Mettre en ligne à partir d'un fichier ». Le guide n'en fixe pas le format : le
  banc de test remplit lui-même son CSV (colonnes « Section », « Champ », « Valeur ») si le profil dit que
  c'est ce format ; sinon le profil donne deux formulaires que l'éditeur a remplis avec les valeurs
  ci-dessous, l'un valable, l'autre non.

  @REQ-OFF-01 @REQ-OFF-02 @needs-accounts
  Scénario: Un formulaire hors ligne complété initialise un projet de candidature
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand je télécharge le formulaire de candidature hors ligne depuis la page « Accueil »
    Et je remplis le formulaire hors ligne avec :
      | section                     | champ                  | valeur                       |
      | Formation                   | Nom de l'établissement | Université de Dakar          |
      | Formation                   | Année d'obtention      | 2012                         |
      | Expérience professionnelle  | Employeur              | Programme alimentaire mondial |
      | Connaissances linguistiques | Langue                 | Espagnol                     |
    Et je clique sur le lien « Mes candidatures »
    Et je clique sur le bouton « Créer un projet de candidature »
    Et je réponds à la question et je clique sur « Suivant »
    Et je choisis « Mettre en ligne à partir d'un fichier » et je clique sur « Suivant »
    Et je mets en ligne le formulaire complété et je clique sur « Suivant »
    Alors chaque valeur du formulaire se retrouve dans sa section

  @REQ-OFF-03 @needs-control-api
  Scénario: Un formulaire aux valeurs invalides est refusé en entier, chaque champ fautif nommé
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand je télécharge le formulaire de candidature hors ligne depuis la page « Accueil »
    Et je remplis le formulaire hors ligne avec des valeurs invalides :
      | section                     | champ                  | valeur                      |
      | Formation                   | Nom de l'établissement | Université de Dakar         |
      | Formation                   | Année d'obtention      | 12                          |
      | Connaissances linguistiques | Langue                 | Klingon                     |
    Et je clique sur le lien « Mes candidatures »
    Et je clique sur le bouton « Créer un projet de candidature »
    Et je réponds à la question et je clique sur « Suivant »
    Et je choisis « Mettre en ligne à partir d'un fichier » et je clique sur « Suivant »
    Et je mets en ligne le formulaire complété et je clique sur « Suivant »
    Alors un avertissement nomme « Année d'obtention » et « Langue »
    Et la page de mise en ligne du formulaire est toujours affichée
    Et aucune candidature n'a été enregistrée pour ce candidat
