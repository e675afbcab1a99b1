# language: fr
Fonctionnalité: Joindre des fichiers (foire aux questions, questions vii et ix)
  Un fichier se joint s'il fait moins de 1 Mo et si son nom est court et sans caractères spéciaux ; un
  fichier refusé n'enlève rien de ce qui est déjà joint. Le guide ne dit pas si 1 Mo compte 1 000 000 ou
  1 048 576 octets : un fichier bien en deçà des deux est accepté, un fichier bien au-delà des deux est
  refusé, et la limite exacte n'est essayée que si le profil du portail la déclare. Après la
  soumission, la section « Mes pièces jointes » de la page « Mes candidatures » reçoit les fichiers, que les
  équipes de recrutement peuvent consulter.

  @REQ-ATT-01 @REQ-ATT-02 @REQ-ATT-03 @REQ-ATT-04 @needs-control-api
  Plan du scénario: Joindre un fichier à « Lettre de motivation et pièces-jointes » : <cas>
    Étant donné un candidat inscrit dont le profil est complet
    Et un projet de candidature de ce candidat
    Et que je suis connecté en tant que ce candidat
    Et que j'ouvre ce projet à la section « Lettre de motivation »
    Et que j'ai joint le fichier « Lettre_de_recommandation.pdf »
    Quand je joins un fichier PDF de <taille> octets nommé « <nom> »
    Alors le fichier est <résultat>
    Et le fichier « Lettre_de_recommandation.pdf » est toujours joint

    Exemples:
      | cas                           | taille  | nom                                                            | résultat                             |
      | bien moins de 1 Mo            | 900000  | Initiales_Diplome.pdf                                          | accepté                              |
      | bien plus de 1 Mo             | 1100000 | Initiales_Diplome.pdf                                          | refusé avec un message sur sa taille |
      | un nom long                   | 2048    | Attestation_de_reussite_au_diplome_de_master_en_droit_2019.pdf | refusé avec un message sur son nom   |
      | un nom avec espaces et accents | 2048   | Diplôme de master.pdf                                          | refusé avec un message sur son nom   |
      | un nom court et simple        | 2048    | Releve_de_notes.pdf                                            | accepté                              |

  @REQ-ATT-01 @REQ-ATT-02 @REQ-ATT-04 @needs-control-api
  Plan du scénario: La limite exacte de taille que le profil déclare : <cas>
    Étant donné que le profil du portail déclare la limite exacte de taille des pièces jointes
    Et un candidat inscrit dont le profil est complet
    Et un projet de candidature de ce candidat
    Et que je suis connecté en tant que ce candidat
    Et que j'ouvre ce projet à la section « Lettre de motivation »
    Et que j'ai joint le fichier « Lettre_de_recommandation.pdf »
    Quand je joins un fichier PDF <taille> nommé « Initiales_Diplome.pdf »
    Alors le fichier est <résultat>
    Et le fichier « Lettre_de_recommandation.pdf » est toujours joint

    Exemples:
      | cas                  | taille                            | résultat                             |
      | un octet de moins    | d'un octet de moins que la limite | accepté                              |
      | exactement la limite | de la taille de la limite         | refusé avec un message sur sa taille |

  @REQ-ATT-05 @needs-control-api
  Scénario: Après la soumission, un fichier joint dans « Mes pièces jointes » est consultable par les recruteurs
    Étant donné un candidat inscrit dont le profil est complet
    Et une candidature soumise de ce candidat
    Et que je suis connecté en tant que ce candidat
    Quand je clique sur le lien « Mes candidatures »
    Et je joins le fichier « Attestation_2024.pdf » dans la section « Mes pièces jointes »
    Alors le fichier « Attestation_2024.pdf » apparaît dans la section « Mes pièces jointes »
    Et les équipes de recrutement peuvent consulter le fichier « Attestation_2024.pdf »

  @REQ-ATT-06 @needs-accounts
  Scénario: La section « Mes pièces jointes » rappelle qu'un CV ne remplace pas une candidature
    Étant donné un candidat inscrit dont le profil est complet
    Et que je suis connecté en tant que ce candidat
    Quand je clique sur le lien « Mes candidatures »
    Alors la section « Mes pièces jointes » indique qu'un CV ne remplace pas une candidature soumise
