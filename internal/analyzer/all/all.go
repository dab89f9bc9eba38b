// Package all is the one explicit list of Ward's analyzers.
package all

import (
	"github.com/wardsec/ward/internal/analyzer"
	"github.com/wardsec/ward/internal/analyzer/kubernetes"
)

// Files returns every file analyzer, in a fixed order.
func Files() []analyzer.Analyzer {
	return []analyzer.Analyzer{
		kubernetes.Analyzer{},
	}
}

// Dirs returns every directory analyzer, in a fixed order.
func Dirs() []analyzer.DirAnalyzer {
	return []analyzer.DirAnalyzer{}
}
