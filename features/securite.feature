# language: fr
Fonctionnalité: Une candidature n'est accessible qu'à son auteur
  Chaque candidat ne voit que ses propres candidatures. Connaître l'adresse de la page d'une candidature
  ne suffit pas : le portail refuse de la montrer à un autre candidat connecté.

  @REQ-SEC-01 @needs-control-api
  Scénario: L'adresse de la candidature d'un autre candidat ne l'ouvre pas
    Étant donné un premier candidat qui a soumis une candidature avec une lettre de motivation qui lui est propre
    Et un second candidat inscrit
    Quand le premier candidat ouvre sa candidature depuis « Mes candidatures » et en note l'adresse
    Et le second candidat se connecte et ouvre cette adresse
    Alors la candidature du premier candidat ne lui est pas montrée
    Et le second candidat n'a toujours aucune candidature enregistrée

  @REQ-SEC-01 @needs-control-api
  Scénario: Ni le PDF, ni les fichiers joints, ni l'enregistrement d'un projet d'un autre candidat ne sont accessibles
    Étant donné un premier candidat qui a soumis une candidature avec une lettre de motivation qui lui est propre
    Et ce premier candidat a aussi un projet de candidature
    Et un second candidat inscrit
    Quand le premier candidat ouvre sa candidature depuis « Mes candidatures » et en note l'adresse
    Et il note l'adresse du lien « Voir/Imprimer PHP » de cette candidature
    Et il demande au portail le PDF noté, qui le lui donne
    Et il joint un fichier dans la section « Mes pièces jointes » et en note l'adresse
    Et il demande au portail le fichier noté, qui le lui donne
    Et le premier candidat enregistre la lettre de son projet de candidature, requête notée
    Et le second candidat se connecte et ouvre cette adresse
    Et le second candidat demande au portail le PDF noté du premier
    Alors le portail ne lui donne rien de la candidature du premier
    Quand le second candidat demande au portail le fichier joint noté du premier
    Alors le portail ne lui donne pas ce fichier
    Quand le second candidat renvoie au portail l'enregistrement noté du premier, avec un autre texte
    Alors le projet du premier candidat garde sa lettre

  @REQ-SEC-02 @needs-accounts
  Scénario: Sans connexion, les pages d'un candidat mènent à la page de connexion et n'en montrent rien
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand je parcours « Accueil », « Mon Profil », « Mes candidatures » et un projet de candidature, adresses notées
    Et je quitte le portail en effaçant les cookies du navigateur
    Alors chacune de ces adresses, demandée au portail, mène à la page de connexion sans rien montrer du candidat
