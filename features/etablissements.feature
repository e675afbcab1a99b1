# language: fr
Fonctionnalité: Choisir son établissement dans une liste (remarque des sections 3 et 4, question x de la foire aux questions)
  « Nom de l'établissement » est un champ de liste suivi d'une icône loupe : la loupe ouvre la liste,
  « Consultation Avancée » y cherche une partie du nom avec « Long Description » « contient ». Une valeur
  absente de la liste est signalée par un avertissement à l'enregistrement ; un champ de liste facultatif
  peut rester vide.

  Contexte:
    Étant donné un candidat inscrit dont le profil est complet
    Et un projet de candidature de ce candidat
    Et que je suis connecté en tant que ce candidat
    Et que j'ouvre ce projet à la section « Formation »

  @REQ-EDU-01 @REQ-EDU-02 @REQ-EDU-03 @needs-control-api
  Scénario: La consultation avancée « contient » « Paris » liste les établissements dont le nom contient Paris
    Quand je clique sur l'icône loupe du champ « Nom de l'établissement »
    Et je clique sur le lien « Consultation Avancée »
    Et en vis-à-vis de « Long Description » je sélectionne « contient » et je tape « Paris » juste après
    Et je clique sur le bouton « Rechercher »
    Alors seuls des établissements dont le nom contient « Paris » sont proposés
    Et parmi eux, au moins un dont le nom ne commence pas par « Paris »
    Quand je choisis l'un des établissements proposés
    Alors je suis sur la page « Formation »
    Et le champ « Nom de l'établissement » contient l'établissement choisi
    Quand je clique sur le bouton « Enregistrer »
    Alors le message « Votre candidature en cours a été enregistrée » s'affiche
    Et l'établissement choisi est enregistré dans la candidature

  @REQ-EDU-01 @REQ-EDU-04 @needs-control-api
  Scénario: « Other/I cannot find my school » se trouve dans la liste et est accepté
    Quand je clique sur l'icône loupe du champ « Nom de l'établissement »
    Et je clique sur le lien « Consultation Avancée »
    Et en vis-à-vis de « Long Description » je sélectionne « contient » et je tape « Other/I cannot find my school » juste après
    Et je clique sur le bouton « Rechercher »
    Et je choisis l'établissement « Other/I cannot find my school »
    Alors le champ « Nom de l'établissement » contient « Other/I cannot find my school »
    Quand je clique sur le bouton « Enregistrer »
    Alors le message « Votre candidature en cours a été enregistrée » s'affiche
    Et aucun avertissement n'est affiché

  @REQ-LKP-01 @needs-control-api
  Scénario: Une valeur absente de la liste est signalée, gardée à l'écran, et le reste de la section est enregistré
    Quand je tape « Université imaginaire de Nulle-Part » dans le champ « Nom de l'établissement »
    Et je renseigne le domaine d'études
    Et je clique sur le bouton « Enregistrer »
    Alors un avertissement nomme le champ « Nom de l'établissement »
    Et le champ « Nom de l'établissement » contient « Université imaginaire de Nulle-Part »
    Et le domaine d'études est enregistré dans la candidature, sans établissement
    Quand j'efface le champ « Nom de l'établissement » et je clique sur son icône loupe
    Alors la liste des établissements s'affiche

  @REQ-LKP-02 @needs-control-api
  Scénario: Un champ de liste facultatif laissé vide n'empêche pas d'enregistrer
    Quand je choisis « Other/I cannot find my school » en tapant son nom dans le champ « Nom de l'établissement »
    Et je laisse vide le champ de liste facultatif « Pays de l'établissement »
    Et je clique sur le bouton « Enregistrer »
    Alors le message « Votre candidature en cours a été enregistrée » s'affiche
    Et aucun avertissement n'est affiché
