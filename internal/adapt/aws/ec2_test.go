package aws

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/wardsec/ward/internal/state"
	"github.com/wardsec/ward/internal/state/cloud"
	cloudaws "github.com/wardsec/ward/internal/state/cloud/aws"
)

var wantSG = cloudaws.SecurityGroup{
	Name:        cloud.ExplicitString("web", r0),
	Description: cloud.ExplicitString("web servers", r0),
	Ingress: []cloudaws.SGRule{
		{
			Description: cloud.ExplicitString("ssh", r0), Protocol: cloud.ExplicitString("tcp", r0),
			FromPort: cloud.ExplicitInt(22, r0), ToPort: cloud.ExplicitInt(22, r0),
			CIDRs: cloud.ExplicitStrings([]string{"0.0.0.0/0"}, r0), IPv6CIDRs: cloud.DefaultStrings(nil, r0),
		},
		{
			Description: cloud.ExplicitString("https", r0), Protocol: cloud.ExplicitString("tcp", r0),
			FromPort: cloud.ExplicitInt(443, r0), ToPort: cloud.ExplicitInt(443, r0),
			CIDRs: cloud.DefaultStrings(nil, r0), IPv6CIDRs: cloud.ExplicitStrings([]string{"::/0"}, r0),
		},
	},
	Egress: []cloudaws.SGRule{{
		Description: cloud.DefaultString("", r0), Protocol: cloud.ExplicitString("-1", r0),
		FromPort: cloud.ExplicitInt(0, r0), ToPort: cloud.ExplicitInt(0, r0),
		CIDRs: cloud.ExplicitStrings([]string{"10.0.0.0/8"}, r0), IPv6CIDRs: cloud.DefaultStrings(nil, r0),
	}},
}

func TestSecurityGroupSameModelFromEverySource(t *testing.T) {
	tests := []struct {
		name string
		in   []state.IaCResource
	}{
		{
			name: "terraform_inline_blocks",
			in: []state.IaCResource{mk("sg.tf", "aws_security_group", "aws_security_group.web", M{
				"name": "web", "description": "web servers",
				"ingress": L{
					M{"description": "ssh", "protocol": "6", "from_port": 22.0, "to_port": 22.0, "cidr_blocks": L{"0.0.0.0/0"}},
					// as a dynamic block expands: same shape
					M{"description": "https", "protocol": "tcp", "from_port": int64(443), "to_port": "443", "ipv6_cidr_blocks": L{"::/0"}},
				},
				"egress": L{M{"protocol": "-1", "from_port": 0, "to_port": 0, "cidr_blocks": L{"10.0.0.0/8"}}},
			})},
		},
		{
			name: "terraform_separate_rules",
			in: []state.IaCResource{
				mk("sg.tf", "aws_security_group_rule", "aws_security_group_rule.ssh", M{
					"type": "ingress", "security_group_id": unk("aws_security_group.web.id"),
					"description": "ssh", "protocol": "tcp", "from_port": 22, "to_port": 22, "cidr_blocks": L{"0.0.0.0/0"},
				}),
				mk("sg.tf", "aws_vpc_security_group_ingress_rule", "aws_vpc_security_group_ingress_rule.https", M{
					"security_group_id": unk("x"), "description": "https", "ip_protocol": "tcp", "from_port": 443, "to_port": 443, "cidr_ipv6": "::/0",
				}, "aws_security_group.web"),
				mk("sg.tf", "aws_vpc_security_group_egress_rule", "aws_vpc_security_group_egress_rule.all", M{
					"security_group_id": unk("aws_security_group.web.id"), "ip_protocol": "all", "from_port": 0, "to_port": 0, "cidr_ipv4": "10.0.0.0/8",
				}),
				mk("sg.tf", "aws_security_group", "aws_security_group.web", M{"name": "web", "description": "web servers"}),
			},
		},
		{
			name: "cloudformation_inline_and_separate",
			in: []state.IaCResource{
				mk("sg.yaml", "AWS::EC2::SecurityGroup", "Web", M{
					"GroupName": "web", "GroupDescription": "web servers",
					"SecurityGroupIngress": L{M{"Description": "ssh", "IpProtocol": "tcp", "FromPort": 22, "ToPort": 22, "CidrIp": "0.0.0.0/0"}},
					"SecurityGroupEgress":  L{M{"IpProtocol": -1, "FromPort": 0, "ToPort": 0, "CidrIp": "10.0.0.0/8"}},
				}),
				mk("sg.yaml", "AWS::EC2::SecurityGroupIngress", "Https", M{
					"GroupId": unk("Fn::GetAtt Web.GroupId"), "Description": "https", "IpProtocol": "tcp", "FromPort": 443, "ToPort": 443, "CidrIpv6": "::/0",
				}, "Web"),
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			st, errs := Adapt(tt.in)
			if len(errs) != 0 {
				t.Fatalf("errors: %v", errs)
			}
			if len(st.SecurityGroups) != 1 {
				t.Fatalf("got %d groups, want 1: %+v", len(st.SecurityGroups), st.SecurityGroups)
			}
			if diff := cmp.Diff(wantSG, st.SecurityGroups[0], sameModel...); diff != "" {
				t.Errorf("group (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSecurityGroupDefaultsAndOrphans(t *testing.T) {
	st, _ := Adapt([]state.IaCResource{
		mk("sg.yaml", "AWS::EC2::SecurityGroup", "Bare", M{"GroupDescription": "d"}),
		mk("sg.tf", "aws_security_group", "aws_security_group.bare", M{"ingress": L{unk("var.rules")}}),
		mk("sg.tf", "aws_security_group_rule", "aws_security_group_rule.orphan", M{
			"type": "ingress", "security_group_id": "sg-0123", "protocol": "tcp", "from_port": 3389, "to_port": 3389, "cidr_blocks": L{"0.0.0.0/0"},
		}),
	})
	if len(st.SecurityGroups) != 3 {
		t.Fatalf("got %d groups, want 3", len(st.SecurityGroups))
	}
	tf, cfn, orphan := st.SecurityGroups[0], st.SecurityGroups[1], st.SecurityGroups[2]
	if eg := cfn.Egress; len(eg) != 1 || !eg[0].CIDRs.IsDefault() || !eg[0].CIDRs.Contains("0.0.0.0/0") || eg[0].Protocol.V != "-1" {
		t.Errorf("CloudFormation default egress = %+v, want one Default allow-all rule", eg)
	}
	if !cfn.Name.IsUnknown() || !tf.Name.IsUnknown() {
		t.Errorf("generated names should be unknown: %+v %+v", cfn.Name, tf.Name)
	}
	if len(tf.Egress) != 0 || tf.Description.V != DefaultSGDescription || !tf.Description.IsDefault() {
		t.Errorf("terraform group = %+v, want no egress and the default description", tf)
	}
	if len(tf.Ingress) != 1 || tf.Ingress[0].CIDRs.Ref != "var.rules" || !tf.Ingress[0].FromPort.IsUnknown() {
		t.Errorf("unknown rule = %+v", tf.Ingress)
	}
	if orphan.Address != "aws_security_group_rule.orphan" || orphan.Name.Ref != "sg-0123" || len(orphan.Ingress) != 1 || orphan.Ingress[0].FromPort.V != 3389 {
		t.Errorf("orphan rule group = %+v", orphan)
	}
}
