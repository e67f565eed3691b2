"""dvkg.queries"""
