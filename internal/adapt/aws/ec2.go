package aws

import (
	"github.com/wardsec/ward/internal/adapt/spec"
	"strings"

	"github.com/wardsec/ward/internal/state"
	"github.com/wardsec/ward/internal/state/cloud"
	cloudaws "github.com/wardsec/ward/internal/state/cloud/aws"
)

// DefaultSGDescription is what Terraform sets when description is absent.
const DefaultSGDescription = "Managed by Terraform"

// protocols normalises protocol numbers and aliases to the names the EC2
// API returns.
var protocols = map[string]string{"all": "-1", "6": "tcp", "17": "udp", "1": "icmp", "58": "icmpv6"}

func protocol(n spec.Node) cloud.String {
	s := n.String("-1")
	if s.IsUnknown() {
		return s
	}
	s.V = strings.ToLower(strings.TrimSpace(s.V))
	if p, ok := protocols[s.V]; ok {
		s.V = p
	}
	return s
}

// rule reads one rule. Absent ports mean every port (0-65535); with
// protocol "-1" the ports do not matter.
func rule(n spec.Node, from, to, proto, cidrs, cidrs6, desc string) cloudaws.SGRule {
	return cloudaws.SGRule{
		Range:       n.Rng(),
		Description: n.Get(desc).String(""),
		Protocol:    protocol(n.Get(proto)),
		FromPort:    n.Get(from).Int(0),
		ToPort:      n.Get(to).Int(65535),
		CIDRs:       n.Get(cidrs).Strings(),
		IPv6CIDRs:   n.Get(cidrs6).Strings(),
	}
}

func tfRule(n spec.Node) cloudaws.SGRule {
	return rule(n, "from_port", "to_port", "protocol", "cidr_blocks", "ipv6_cidr_blocks", "description")
}

func tfVPCRule(n spec.Node) cloudaws.SGRule {
	return rule(n, "from_port", "to_port", "ip_protocol", "cidr_ipv4", "cidr_ipv6", "description")
}

func cfnRule(n spec.Node) cloudaws.SGRule {
	return rule(n, "FromPort", "ToPort", "IpProtocol", "CidrIp", "CidrIpv6", "Description")
}

func rules(n spec.Node, read func(spec.Node) cloudaws.SGRule) []cloudaws.SGRule {
	var out []cloudaws.SGRule
	for _, e := range n.List() {
		if ref, ok := e.Unknown(); ok {
			// A rule that cannot be known: every field unknown.
			u := cloud.UnknownStrings(ref, nil, e.Rng())
			out = append(out, cloudaws.SGRule{
				Range: e.Rng(), Description: cloud.UnknownString(ref, e.Rng()),
				Protocol: cloud.UnknownString(ref, e.Rng()),
				FromPort: cloud.UnknownInt(ref, e.Rng()), ToPort: cloud.UnknownInt(ref, e.Rng()),
				CIDRs: u, IPv6CIDRs: u,
			})
			continue
		}
		out = append(out, read(e))
	}
	return out
}

func (a *adapter) securityGroups() []cloudaws.SecurityGroup {
	var groups []cloudaws.SecurityGroup
	for _, r := range a.of("aws_security_group") {
		n := spec.ResourceNode(r)
		g := cloudaws.SecurityGroup{Address: r.Address, Range: n.Rng(), Description: n.Get("description").String(DefaultSGDescription)}
		if name := n.Get("name"); name.OK {
			g.Name = name.String("")
		} else {
			g.Name = cloud.UnknownString(r.Address+".name", g.Range)
		}
		g.Ingress = rules(n.Get("ingress"), tfRule)
		// Terraform removes AWS's default allow-all egress rule.
		g.Egress = rules(n.Get("egress"), tfRule)
		groups = append(groups, g)
	}
	for _, r := range a.of("AWS::EC2::SecurityGroup") {
		n := spec.ResourceNode(r)
		g := cloudaws.SecurityGroup{Address: r.Address, Range: n.Rng(), Description: n.Get("GroupDescription").String("")}
		if name := n.Get("GroupName"); name.OK {
			g.Name = name.String("")
		} else {
			g.Name = cloud.UnknownString("Ref "+r.Address, g.Range)
		}
		g.Ingress = rules(n.Get("SecurityGroupIngress"), cfnRule)
		if eg := n.Get("SecurityGroupEgress"); eg.OK {
			g.Egress = rules(eg, cfnRule)
		} else {
			// AWS adds an allow-all egress rule to a group created without one.
			rr := g.Range
			g.Egress = []cloudaws.SGRule{{
				Range:       rr,
				Implicit:    true,
				Description: cloud.DefaultString("", rr),
				Protocol:    cloud.DefaultString("-1", rr),
				FromPort:    cloud.DefaultInt(0, rr),
				ToPort:      cloud.DefaultInt(65535, rr),
				CIDRs:       cloud.DefaultStrings([]string{"0.0.0.0/0"}, rr),
				IPv6CIDRs:   cloud.DefaultStrings(nil, rr),
			}}
		}
		groups = append(groups, g)
	}

	targets := func() []spec.Target {
		t := make([]spec.Target, len(groups))
		for i, g := range groups {
			t[i] = spec.Target{Address: g.Address}
			if g.Name.IsExplicit() {
				t[i].Name = g.Name.V
			}
		}
		return t
	}
	// attach adds a separate rule to its group, or to a group of its own
	// when the group is not in the scan (the rule is still checked).
	attach := func(r *state.IaCResource, id spec.Node, egress bool, sg cloudaws.SGRule) {
		i := spec.Designated(id, r, targets())
		if i < 0 {
			ref := r.Address + ".security_group_id"
			if s, ok := id.Str(); ok {
				ref = s
			} else if u, ok := id.Unknown(); ok {
				ref = u
			}
			groups = append(groups, cloudaws.SecurityGroup{
				Address:     r.Address,
				Range:       sg.Range,
				Name:        cloud.UnknownString(ref, sg.Range),
				Description: cloud.UnknownString(ref, sg.Range),
			})
			i = len(groups) - 1
		}
		if egress {
			groups[i].Egress = append(groups[i].Egress, sg)
		} else {
			groups[i].Ingress = append(groups[i].Ingress, sg)
		}
	}
	for _, r := range a.of("aws_security_group_rule") {
		n := spec.ResourceNode(r)
		t := n.Get("type").String("ingress")
		attach(r, n.Get("security_group_id"), t.V == "egress", tfRule(n))
	}
	for _, r := range a.of("aws_vpc_security_group_ingress_rule") {
		n := spec.ResourceNode(r)
		attach(r, n.Get("security_group_id"), false, tfVPCRule(n))
	}
	for _, r := range a.of("aws_vpc_security_group_egress_rule") {
		n := spec.ResourceNode(r)
		attach(r, n.Get("security_group_id"), true, tfVPCRule(n))
	}
	for _, typ := range []string{"AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress"} {
		for _, r := range a.of(typ) {
			n := spec.ResourceNode(r)
			id := n.Get("GroupId")
			if !id.OK {
				id = n.Get("GroupName")
			}
			attach(r, id, typ == "AWS::EC2::SecurityGroupEgress", cfnRule(n))
		}
	}
	return groups
}
