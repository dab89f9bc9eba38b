package cloud

import "testing"

func TestValidate(t *testing.T) {
	ok := []Schema{{Kind: "x.y.z", Fields: []Field{
		{Name: "enabled", Type: BoolField, Default: true},
		{Name: "params", Type: ListField, Fields: []Field{{Name: "name", Type: StringField}, {Name: "value", Type: StringField}}},
	}}}
	if err := Validate(ok); err != nil {
		t.Errorf("valid schema rejected: %v", err)
	}
	for name, bad := range map[string][]Schema{
		"short kind":      {{Kind: "x.y"}},
		"implicit name":   {{Kind: "x.y.z", Fields: []Field{{Name: "name", Type: StringField}}}},
		"bad default":     {{Kind: "x.y.z", Fields: []Field{{Name: "n", Type: IntField, Default: "1"}}}},
		"list no fields":  {{Kind: "x.y.z", Fields: []Field{{Name: "l", Type: ListField}}}},
		"unknown type":    {{Kind: "x.y.z", Fields: []Field{{Name: "l", Type: "float"}}}},
		"duplicate kind":  {{Kind: "x.y.z"}, {Kind: "x.y.z"}},
		"duplicate field": {{Kind: "x.y.z", Fields: []Field{{Name: "a", Type: BoolField}, {Name: "a", Type: BoolField}}}},
	} {
		if Validate(bad) == nil {
			t.Errorf("%s: accepted", name)
		}
	}
	if f, found := ok[0].Field("params.value"); !found || f.Type != StringField {
		t.Errorf("Field(params.value) = %+v, %v", f, found)
	}
}
