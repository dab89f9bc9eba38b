# METADATA
# title: Dockerfile helpers for Ward checks
# description: |
#   Shared views of the Dockerfile input (see internal/parse/dockerfile): the
#   final stage and the stages it inherits from, each RUN's script and its
#   shell command segments, cache mounts, and bounded evidence strings.
package ward.lib.docker

import rego.v1

final_index := count(input.stages) - 1

final := input.stages[final_index]

# stage_label names a stage in messages: its alias, or its FROM image.
stage_label(s) := sprintf("%q", [s.name]) if s.name != ""

stage_label(s) := sprintf("FROM %s", [s.from.image]) if s.name == ""

# parents maps a stage index to the earlier stages its FROM names.
parents[i] := ps if {
	some i, s in input.stages
	ps := [j |
		s.from.stage_ref
		some j, p in input.stages
		j < i
		p.name == s.from.name
	]
}

# lineage(i) is stage i and every stage it is built on, nearest first.
lineage(i) := array.reverse(sort(graph.reachable(parents, {i})))

final_lineage := lineage(final_index)

# instr contains every instruction of every stage with its position.
instr contains {"i": i, "j": j, "ins": ins} if {
	some i, s in input.stages
	some j, ins in s.instructions
}

# runs are the RUN instructions with their shell script as one string
# (heredoc bodies included).
runs contains {"i": x.i, "j": x.j, "ins": x.ins, "script": concat("\n", array.concat(x.ins.args, [h.content | some h in object.get(x.ins, "heredocs", [])]))} if {
	some x in instr
	x.ins.cmd == "run"
}

# segments splits a script into simple commands at && || ; | and newlines,
# dropping subshell parentheses.
segments(script) := [t |
	some seg in regex.split(`\s*(?:&&|\|\||;|\||\n)\s*`, script)
	t := trim(seg, "() \t")
	t != ""
]

# cache_mount(ins, dir) holds when the instruction mounts a build cache on a
# target containing dir.
cache_mount(ins, dir) if {
	some f in ins.flags
	startswith(f, "--mount=")
	contains(f, "type=cache")
	contains(f, dir)
}

# path is the value path of an instruction, for the finding's line.
path(x) := ["stages", x.i, "instructions", x.j]

# evidence is the instruction as written, cut to a readable length.
evidence(ins) := ins.original if count(ins.original) <= 200

evidence(ins) := concat("", [substring(ins.original, 0, 200), "…"]) if count(ins.original) > 200

# result is one finding object on an instruction.
result(msg, x) := {"msg": msg, "path": path(x), "evidence": evidence(x.ins)}
