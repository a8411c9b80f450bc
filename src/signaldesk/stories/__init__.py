"""stories"""
