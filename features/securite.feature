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
