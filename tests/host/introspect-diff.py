#!/usr/bin/python3
# SPDX-License-Identifier: GPL-2.0-only
# introspect-diff.py INTERFACE SHIPPED.xml LIVE.xml: compare one interface of
# two introspection documents, member by member (names, types, argument
# names and directions, annotations), ignoring comments, order of members
# and whitespace. Prints the differences; exits 1 if there are any.
import sys
import xml.etree.ElementTree as ET


def members(path, interface):
    root = ET.parse(path).getroot()
    found = [i for i in root.iter('interface') if i.get('name') == interface]
    if len(found) != 1:
        sys.exit(f'{path}: {len(found)} interfaces named {interface}')
    out = set()
    for m in found[0]:
        desc = [m.tag, m.get('name'), m.get('type', ''), m.get('access', '')]
        desc += ['arg %s %s %s' % (a.get('name', ''), a.get('type'), a.get('direction', 'in' if m.tag == 'method' else ''))
                 for a in m.findall('arg')]
        desc += ['annotation %s=%s' % (a.get('name'), a.get('value')) for a in m.findall('annotation')]
        out.add(' | '.join(desc))
    return out


interface, shipped, live = sys.argv[1:4]
a, b = members(shipped, interface), members(live, interface)
for line in sorted(a - b):
    print(f'only in {shipped}: {line}')
for line in sorted(b - a):
    print(f'only in the live object: {line}')
sys.exit(1 if a != b else 0)
