# language: fr
Fonctionnalité: S'enregistrer en qualité de candidat externe (section 1 du guide)
  Un candidat externe crée son compte depuis la page de connexion. La date de naissance se saisit au
  format jj/mm/aaaa et le portail refuse une date qui n'existe pas. Le guide ne dit pas qui fait le code
  utilisateur : le candidat le saisit, ou le portail l'attribue et l'affiche, selon le profil du portail. Il ne
  dit pas non plus où mène « Inscription » : le candidat entre ensuite dans inspira avec son compte, déjà
  connecté ou par la page de connexion, et arrive sur « Accueil ». Un code utilisateur ou un mot de
  passe oublié se récupère par email depuis la page de connexion.

  @REQ-REG-01 @REQ-REG-02 @REQ-REG-04
  Scénario: Un nouveau candidat crée son compte depuis la page de connexion
    Étant donné que je suis sur le site Carrières
    Quand je clique sur le lien « Connexion »
    Et je clique sur le lien « Inscription immédiate »
    Et je remplis le formulaire d'inscription avec la date de naissance de la personne
    Et je clique sur le bouton « Inscription »
    Alors le compte a pour code utilisateur celui que j'ai saisi ou celui que le portail affiche
    Quand j'entre dans inspira avec le compte créé
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

  @REQ-REG-06
  Plan du scénario: Le 29 février n'est une date de naissance valable que les années bissextiles
    Étant donné que je suis sur le formulaire « Inscription immédiate »
    Quand je remplis le formulaire d'inscription avec la date de naissance "<date>"
    Et je clique sur le bouton « Inscription »
    Alors la date de naissance "<date>" est <verdict>

    Exemples:
      | date       | verdict  |
      | 29/02/1996 | acceptée |
      | 29/02/2000 | acceptée |
      | 29/02/1999 | refusée  |
      | 29/02/2001 | refusée  |

  @REQ-REG-05
  Scénario: La page d'inscription dit qui doit s'inscrire comme candidat externe
    Étant donné que je suis sur le formulaire « Inscription immédiate »
    Alors la page indique « Secrétariat »
    Et la page indique « externes »
    Et la page indique « Galaxy »

  @REQ-REG-07 @REQ-REG-10 @needs-accounts @needs-mail
  Scénario: « Code utilisateur oublié » envoie le code utilisateur par email
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis sur la page de connexion
    Alors la page offre le lien « Mot de passe oublié »
    Quand je clique sur le lien « Code utilisateur oublié »
    Alors la page indique « Courriers Indésirables »
    Quand je demande mon code utilisateur avec l'adresse email du candidat
    Alors la page indique « Courriers Indésirables »
    Et le code utilisateur du candidat arrive par email

  @REQ-REG-08 @needs-accounts @needs-mail
  Scénario: « Mot de passe oublié » envoie un lien pour choisir un nouveau mot de passe
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis sur la page de connexion
    Quand je clique sur le lien « Mot de passe oublié »
    Et je demande un lien avec le code utilisateur du candidat
    Et j'ouvre le lien reçu par email
    Et je choisis un nouveau mot de passe
    Et je me connecte avec le nouveau mot de passe
    Alors je suis sur la page « Accueil »

  @REQ-REG-10 @needs-accounts
  Scénario: La réponse à « Mot de passe oublié » ne dit pas si le compte existe
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis sur la page de connexion
    Quand je clique sur le lien « Mot de passe oublié »
    Et je demande un lien avec le code utilisateur du candidat
    Et je demande un lien avec un code utilisateur que personne n'a
    Alors les deux réponses sont identiques
    Et la page indique « Courriers Indésirables »

  @REQ-REG-09 @needs-accounts @needs-mail
  Scénario: Le lien pour choisir un nouveau mot de passe ne sert qu'une fois
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis sur la page de connexion
    Quand je clique sur le lien « Mot de passe oublié »
    Et je demande un lien avec le code utilisateur du candidat
    Et j'ouvre le lien reçu par email
    Et je choisis un nouveau mot de passe
    Et j'ouvre le lien reçu par email
    Alors le lien est refusé

  @REQ-REG-09 @needs-control-api @needs-mail @needs-clock
  Plan du scénario: Le lien pour choisir un nouveau mot de passe expire au bout de 60 minutes
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis sur la page de connexion
    Quand je clique sur le lien « Mot de passe oublié »
    Et je demande un lien avec le code utilisateur du candidat
    Et le lien reçu par email attend <durée>
    Et j'ouvre le lien reçu par email
    Alors le lien est <verdict>

    Exemples:
      | durée       | verdict |
      | 59 min 59 s | accepté |
      | 60 min 01 s | refusé  |

  # FAQ vi : se faire déconnecter juste après s'être authentifié vient des cookies refusés.
  @REQ-SES-05 @needs-accounts
  Scénario: Un navigateur qui ne garde aucun cookie est invité à les autoriser
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis sur la page de connexion
    Quand mon navigateur ne garde aucun cookie
    Et je saisis le code utilisateur et le mot de passe du candidat puis je clique sur « Connexion »
    Alors un message me demande d'autoriser les cookies

  @REQ-REG-11 @needs-accounts
  Scénario: Un candidat inscrit se connecte à inspira et arrive sur la page « Accueil »
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis sur le site Carrières
    Quand je clique sur le lien « Connexion »
    Et je me reconnecte en tant que ce candidat
    Alors je suis sur la page « Accueil »
