"""Add cases to the graph from a YAML or CSV template, without writing Turtle.

The pieces, one job each:

=====================  ===================================================================
module                 job
=====================  ===================================================================
``numbers``            numbers written the Chinese way (1.73亿, 4.5万, 20多, 97.99%)
``located``            parsed template data that remembers file, line, column and field
``yaml_reader``        YAML template -> located data
``atomic``             write a file atomically (temp file + ``os.replace``)
=====================  ===================================================================
"""

from __future__ import annotations
