# language: fr
@REQ-A11Y-01 @REQ-A11Y-02 @REQ-A11Y-03 @REQ-A11Y-04
Fonctionnalité: Accessibilité des pages du portail (WCAG 2.1, niveaux A et AA)
  Le guide ne parle pas d'accessibilité ; les portails des Nations Unies s'engagent à respecter WCAG 2.1 AA.
  Chaque page distincte que visite un scénario de la suite est contrôlée par axe-core, une fois par modèle
  d'adresse : ce qu'il trouve est un avertissement sur le principe WCAG concerné, ou un échec si le profil
  du portail fait de l'accessibilité une exigence (« MUST »). Ce scénario prouve que le contrôle a lieu.

  Scénario: La page de connexion est contrôlée selon WCAG 2.1 A et AA
    Étant donné que je suis sur le site Carrières
    Quand je clique sur le lien « Connexion »
    Alors la page affichée a été contrôlée selon WCAG 2.1 A et AA
