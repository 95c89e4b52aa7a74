"""Round-table tools on equal footing.

Speaking rounds, dot votes, groups of notes, party balance and attribution.
"""
