# language: fr
Fonctionnalité: Actualiser son profil (section 2 du guide)
  Le profil se compose de trois onglets ; une fois tous les champs obligatoires renseignés, son statut
  devient « 100% Complet ».

  @REQ-PRO-01 @REQ-PRO-02 @REQ-PRO-03 @REQ-PRO-04 @needs-accounts
  Scénario: Compléter les trois onglets mène le profil à « 100% Complet »
    Étant donné un candidat inscrit dont le profil est vide
    Et que je suis connecté en tant que ce candidat
    Quand je clique sur le lien « Mon Profil »
    Alors le statut du profil n'est pas « 100% Complet »
    Quand je complète l'onglet « Coordonnées » et je clique sur « Enregistrer »
    Et je complète l'onglet « Situation de famille » et je clique sur « Enregistrer »
    Et je complète l'onglet « Nationalité et résidence » et je clique sur « Enregistrer »
    Alors le statut du profil est « 100% Complet »

  @REQ-PRO-05 @needs-accounts
  Scénario: L'avertissement nomme chaque champ à corriger et rien de ce qui était enregistré n'est perdu
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Et que j'ai enregistré un téléphone et une ville dans l'onglet « Coordonnées »
    Quand je saisis un téléphone mal formé, je vide la ville et je clique sur « Enregistrer »
    Alors l'avertissement nomme le téléphone et la ville
    Et le téléphone mal formé est toujours dans le formulaire
    Quand je rouvre l'onglet « Coordonnées »
    Alors le téléphone et la ville enregistrés sont toujours là

  @REQ-PRO-06 @needs-control-api
  Scénario: Une adresse email principale déjà utilisée sous le même nom est refusée
    Étant donné un candidat inscrit dont le profil est complet
    Et qu'un autre candidat est inscrit sous le même nom avec une autre adresse email
    Et que je suis connecté en tant que ce candidat
    Quand je clique sur le lien « Mon Profil »
    Et je saisis l'adresse email principale de l'autre candidat et je clique sur « Enregistrer »
    Alors le message « Le candidat est déjà enregistré dans le système » s'affiche
    Et l'adresse email principale saisie est toujours dans le formulaire
    Quand je rouvre l'onglet « Coordonnées »
    Alors mon adresse email principale n'a pas changé
