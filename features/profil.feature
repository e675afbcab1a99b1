# language: fr
Fonctionnalité: Actualiser son profil (section 2 du guide)
  Le profil se compose de trois onglets ; une fois tous les champs obligatoires renseignés, son statut
  devient « 100% Complet ».

  @REQ-PRO-01 @REQ-PRO-02 @REQ-PRO-03 @REQ-PRO-04 @needs-control-api
  Scénario: Compléter les trois onglets mène le profil à « 100% Complet »
    Étant donné un candidat inscrit dont le profil est vide
    Et que je suis connecté en tant que ce candidat
    Quand je clique sur le lien « Mon Profil »
    Alors le statut du profil n'est pas « 100% Complet »
    Quand je complète l'onglet « Coordonnées » et je clique sur « Enregistrer »
    Et je complète l'onglet « Situation de famille » et je clique sur « Enregistrer »
    Et je complète l'onglet « Nationalité et résidence » et je clique sur « Enregistrer »
    Alors le statut du profil est « 100% Complet »
