"""The practice bank (банк лучших практик, методические продукты): practices of teachers with authors, materials and
links to the events where they were presented, the expert review by a municipality's criteria, publication and
full-text search in Russian."""
