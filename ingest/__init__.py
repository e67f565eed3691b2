"""dvkg.ingest"""
