# language: fr
Fonctionnalité: S'enregistrer en qualité de candidat externe (section 1 du guide)
  Un candidat externe crée son compte depuis la page de connexion. La date de naissance se saisit au
  format jj/mm/aaaa et le portail refuse une date qui n'existe pas.

  @REQ-REG-01 @REQ-REG-02 @REQ-REG-04
  Scénario: Un nouveau candidat crée son compte depuis la page de connexion
    Étant donné que je suis sur le site Carrières
    Quand je clique sur le lien « Connexion »
    Et je clique sur le lien « Inscription immédiate »
    Et je remplis le formulaire d'inscription avec la date de naissance de la personne
    Et je clique sur le bouton « Inscription »
    Alors je suis sur la page « Accueil »

  @REQ-REG-03
  Plan du scénario: Une date de naissance mal saisie est refusée et la saisie est conservée
    Étant donné que je suis sur le formulaire « Inscription immédiate »
    Quand je remplis le formulaire d'inscription avec la date de naissance "<date>"
    Et je clique sur le bouton « Inscription »
    Alors l'inscription est refusée avec un message sur la date de naissance
    Et le champ de la date de naissance contient toujours "<date>"

    Exemples:
      | date       |
      | 1990-03-05 |
      | 05/03/90   |
      | 31/04/1990 |
      | 29/02/2023 |
      | 5 mars 1990 |
