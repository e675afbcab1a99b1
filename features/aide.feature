# language: fr
Fonctionnalité: Besoin d'aide ? « Contactez-nous » (section 7 du guide)
  Pour une question technique, le lien « Contactez-nous » du site Carrières et d'inspira mène à un
  formulaire qui transmet au Unite Service Desk ce qui accélère la réponse : nom complet, code
  utilisateur, numéro de l'appel à candidature, étapes suivies et capture d'écran. Jamais le mot de
  passe, jamais de CV.

  @REQ-AID-01
  Scénario: Le site Carrières offre « Contactez-nous »
    Étant donné que je suis sur le site Carrières
    Quand je clique sur le lien « Contactez-nous »
    Alors je suis sur la page « Contactez-nous »

  @REQ-AID-01 @needs-accounts
  Plan du scénario: inspira offre « Contactez-nous » sur ses pages une fois connecté
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand je clique sur le lien « <page> »
    Et je clique sur le lien « Contactez-nous »
    Alors je suis sur la page « Contactez-nous »

    Exemples:
      | page            |
      | Mon Profil      |
      | Mes candidatures |
      | Rech. Emplois   |

  @REQ-AID-02 @needs-accounts @needs-mail
  Scénario: Le message parvient au Unite Service Desk avec le code utilisateur, le numéro et la capture d'écran
    Étant donné un candidat inscrit dont le profil est complet
    Et un appel à candidature ouvert avec des questions de présélection
    Et que je suis sur le site Carrières
    Quand je clique sur le lien « Contactez-nous »
    Et je remplis le formulaire avec mon nom complet, mon code utilisateur, le numéro de l'appel à candidature, les étapes suivies et un message
    Et je joins une capture d'écran
    Et j'envoie le message
    Alors une confirmation d'envoi s'affiche
    Et un courriel nommant mon code utilisateur et le numéro de l'appel à candidature, capture d'écran jointe, parvient au Unite Service Desk

  @REQ-AID-03
  Scénario: Le formulaire met en garde : ni mot de passe, ni CV, questions techniques seulement
    Étant donné que je suis sur le site Carrières
    Quand je clique sur le lien « Contactez-nous »
    Alors le formulaire demande de ne pas révéler le mot de passe et de ne pas joindre de CV
    Et il précise que le Unite Service Desk ne répond qu'aux questions d'ordre technique
    Et il ne demande aucun mot de passe

  @REQ-AID-04
  Plan du scénario: Sans <champ>, le message est refusé, le champ nommé et la saisie conservée
    Étant donné que je suis sur le site Carrières
    Quand je clique sur le lien « Contactez-nous »
    Et je remplis le formulaire sans <champ>
    Et j'envoie le message
    Alors l'envoi est refusé avec un message nommant le champ <champ>
    Et ce que j'ai saisi dans les autres champs est conservé

    Exemples:
      | champ            |
      | nom complet      |
      | code utilisateur |
