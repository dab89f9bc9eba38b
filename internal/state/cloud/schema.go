package cloud

import (
	"fmt"
	"strings"
)

// FieldType is the type of one field of a model kind.
type FieldType string

// Field types. A List holds objects described by the field's Fields; an
// Object groups fields.
const (
	BoolField    FieldType = "bool"
	StringField  FieldType = "string"
	IntField     FieldType = "int"
	StringsField FieldType = "strings"
	ListField    FieldType = "list"
	ObjectField  FieldType = "object"
)

// Field is one typed field of a model kind.
type Field struct {
	Name string
	Type FieldType
	// Default is the provider's documented value when the source says
	// nothing. Nil means false for a bool, "" for a string, an empty list
	// for strings and lists, and null for an int.
	Default any
	Doc     string
	// Fields are the fields of a List's elements or of an Object.
	Fields []Field
}

// Schema declares one kind of the cloud model: the typed fields every
// source (Terraform, CloudFormation, a live account) fills. Documents of
// the kind carry "address" and "name" besides these fields.
type Schema struct {
	// Kind is "<provider>.<service>.<resource>", e.g. "aws.rds.instance".
	Kind string
	Doc  string
	// Fields are the kind's typed fields.
	Fields []Field
}

// Field returns the field at a dotted path ("encryption.enabled",
// "listeners.protocol").
func (s Schema) Field(path string) (Field, bool) {
	fields := s.Fields
	var f Field
	for _, part := range strings.Split(path, ".") {
		found := false
		for _, c := range fields {
			if c.Name == part {
				f, fields, found = c, c.Fields, true
				break
			}
		}
		if !found {
			return Field{}, false
		}
	}
	return f, true
}

// Validate checks a set of schemas: kinds well formed and unique, field
// names unique, types known, defaults of the field's type.
func Validate(schemas []Schema) error {
	seen := map[string]bool{}
	for _, s := range schemas {
		if len(strings.Split(s.Kind, ".")) < 3 {
			return fmt.Errorf("schema kind %q: want <provider>.<service>.<resource>", s.Kind)
		}
		if seen[s.Kind] {
			return fmt.Errorf("schema kind %q declared twice", s.Kind)
		}
		seen[s.Kind] = true
		if err := validateFields(s.Kind, s.Fields, true); err != nil {
			return err
		}
	}
	return nil
}

// validateFields checks the fields of a kind (top) or of a list element or
// object; "address" and "name" are implicit at the top only.
func validateFields(where string, fields []Field, top bool) error {
	names := map[string]bool{}
	if top {
		names["address"], names["name"] = true, true
	}
	for _, f := range fields {
		if names[f.Name] {
			return fmt.Errorf("%s: field %q declared twice (address and name are implicit)", where, f.Name)
		}
		names[f.Name] = true
		p := where + "." + f.Name
		switch f.Type {
		case BoolField:
			if _, ok := f.Default.(bool); f.Default != nil && !ok {
				return fmt.Errorf("%s: default %v is not a bool", p, f.Default)
			}
		case StringField:
			if _, ok := f.Default.(string); f.Default != nil && !ok {
				return fmt.Errorf("%s: default %v is not a string", p, f.Default)
			}
		case IntField:
			if _, ok := f.Default.(int); f.Default != nil && !ok {
				return fmt.Errorf("%s: default %v is not an int", p, f.Default)
			}
		case StringsField:
			if _, ok := f.Default.([]string); f.Default != nil && !ok {
				return fmt.Errorf("%s: default %v is not a []string", p, f.Default)
			}
		case ListField, ObjectField:
			if len(f.Fields) == 0 {
				return fmt.Errorf("%s: %s without fields", p, f.Type)
			}
			if err := validateFields(p, f.Fields, false); err != nil {
				return err
			}
			continue
		default:
			return fmt.Errorf("%s: unknown type %q", p, f.Type)
		}
		if len(f.Fields) > 0 {
			return fmt.Errorf("%s: a %s has no fields", p, f.Type)
		}
	}
	return nil
}
