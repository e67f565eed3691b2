"""dvkg.graph"""
