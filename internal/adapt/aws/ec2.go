package aws

import (
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

func protocol(n node) cloud.String {
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
func rule(n node, from, to, proto, cidrs, cidrs6, desc string) cloudaws.SGRule {
	return cloudaws.SGRule{
		Range:       n.rng(),
		Description: n.get(desc).String(""),
		Protocol:    protocol(n.get(proto)),
		FromPort:    n.get(from).Int(0),
		ToPort:      n.get(to).Int(65535),
		CIDRs:       n.get(cidrs).Strings(),
		IPv6CIDRs:   n.get(cidrs6).Strings(),
	}
}

func tfRule(n node) cloudaws.SGRule {
	return rule(n, "from_port", "to_port", "protocol", "cidr_blocks", "ipv6_cidr_blocks", "description")
}

func tfVPCRule(n node) cloudaws.SGRule {
	return rule(n, "from_port", "to_port", "ip_protocol", "cidr_ipv4", "cidr_ipv6", "description")
}

func cfnRule(n node) cloudaws.SGRule {
	return rule(n, "FromPort", "ToPort", "IpProtocol", "CidrIp", "CidrIpv6", "Description")
}

func rules(n node, read func(node) cloudaws.SGRule) []cloudaws.SGRule {
	var out []cloudaws.SGRule
	for _, e := range n.list() {
		if ref, ok := e.unknown(); ok {
			// A rule that cannot be known: every field unknown.
			u := cloud.UnknownStrings(ref, nil, e.rng())
			out = append(out, cloudaws.SGRule{
				Range: e.rng(), Description: cloud.UnknownString(ref, e.rng()),
				Protocol: cloud.UnknownString(ref, e.rng()),
				FromPort: cloud.UnknownInt(ref, e.rng()), ToPort: cloud.UnknownInt(ref, e.rng()),
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
		n := resourceNode(r)
		g := cloudaws.SecurityGroup{Address: r.Address, Range: n.rng(), Description: n.get("description").String(DefaultSGDescription)}
		if name := n.get("name"); name.ok {
			g.Name = name.String("")
		} else {
			g.Name = cloud.UnknownString(r.Address+".name", g.Range)
		}
		g.Ingress = rules(n.get("ingress"), tfRule)
		// Terraform removes AWS's default allow-all egress rule.
		g.Egress = rules(n.get("egress"), tfRule)
		groups = append(groups, g)
	}
	for _, r := range a.of("AWS::EC2::SecurityGroup") {
		n := resourceNode(r)
		g := cloudaws.SecurityGroup{Address: r.Address, Range: n.rng(), Description: n.get("GroupDescription").String("")}
		if name := n.get("GroupName"); name.ok {
			g.Name = name.String("")
		} else {
			g.Name = cloud.UnknownString("Ref "+r.Address, g.Range)
		}
		g.Ingress = rules(n.get("SecurityGroupIngress"), cfnRule)
		if eg := n.get("SecurityGroupEgress"); eg.ok {
			g.Egress = rules(eg, cfnRule)
		} else {
			// AWS adds an allow-all egress rule to a group created without one.
			rr := g.Range
			g.Egress = []cloudaws.SGRule{{
				Range:       rr,
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

	targets := func() []target {
		t := make([]target, len(groups))
		for i, g := range groups {
			t[i] = target{address: g.Address}
			if g.Name.IsExplicit() {
				t[i].name = g.Name.V
			}
		}
		return t
	}
	// attach adds a separate rule to its group, or to a group of its own
	// when the group is not in the scan (the rule is still checked).
	attach := func(r *state.IaCResource, id node, egress bool, sg cloudaws.SGRule) {
		i := link(id, r, targets())
		if i < 0 {
			ref := r.Address + ".security_group_id"
			if s, ok := id.str(); ok {
				ref = s
			} else if u, ok := id.unknown(); ok {
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
		n := resourceNode(r)
		t := n.get("type").String("ingress")
		attach(r, n.get("security_group_id"), t.V == "egress", tfRule(n))
	}
	for _, r := range a.of("aws_vpc_security_group_ingress_rule") {
		n := resourceNode(r)
		attach(r, n.get("security_group_id"), false, tfVPCRule(n))
	}
	for _, r := range a.of("aws_vpc_security_group_egress_rule") {
		n := resourceNode(r)
		attach(r, n.get("security_group_id"), true, tfVPCRule(n))
	}
	for _, typ := range []string{"AWS::EC2::SecurityGroupIngress", "AWS::EC2::SecurityGroupEgress"} {
		for _, r := range a.of(typ) {
			n := resourceNode(r)
			id := n.get("GroupId")
			if !id.ok {
				id = n.get("GroupName")
			}
			attach(r, id, typ == "AWS::EC2::SecurityGroupEgress", cfnRule(n))
		}
	}
	return groups
}
