"""dvkg.ontology"""
