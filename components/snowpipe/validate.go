package snowpipe

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/snowaws"
	"github.com/schedkit/schedkit/components/snowflake"
)

// kind names the component in error messages.
const kind = "snowpipe"

// externalIDPattern is what AWS accepts as sts:ExternalId.
var externalIDPattern = regexp.MustCompile(`^[\w+=,.@:/-]+$`)

// validate checks every argument before anything is registered and returns
// all problems at once.
func validate(name string, a *SnowpipeIngestArgs) error {
	errs := check.New(kind, name)
	if a == nil {
		errs.Addf("args", "is nil; Database, Schema and Pipes are required")
		return errs.Err()
	}
	checkIdentifierInput(errs, "Database", a.Database)
	checkIdentifierInput(errs, "Schema", a.Schema)

	if a.BucketName == nil {
		if a.BucketKmsKeyArn != nil {
			errs.Addf("BucketKmsKeyArn", "is set without `BucketName`; a created bucket uses SSE-S3")
		}
		errs.Add(naming.Check(kind, name, "name", naming.S3Bucket, naming.Child(name, "bucket")))
	} else if s, ok := a.BucketName.(pulumi.String); ok {
		errs.Field("BucketName", checkBucketName(string(s)))
	}
	if s, ok := a.ExternalID.(pulumi.String); ok {
		errs.Field("ExternalID", checkExternalID(string(s)))
	}
	errs.Add(snowaws.CheckRoleName(kind, name, "StorageRoleName", storageRoleName(name, *a)))

	if len(a.Pipes) == 0 {
		errs.Addf("Pipes", "is empty; give at least one pipe")
	}
	names := map[string]int{}
	for i, p := range a.Pipes {
		field := fmt.Sprintf("Pipes[%d]", i)
		checkPipe(errs, field, p)
		if p.Name == "" {
			continue
		}
		if j, dup := names[strings.ToUpper(p.Name)]; dup {
			errs.Addf(field+".Name", "%q duplicates Pipes[%d] %q (names are compared case-insensitively)", p.Name, j, a.Pipes[j].Name)
		} else {
			names[strings.ToUpper(p.Name)] = i
		}
	}
	for i := range a.Pipes {
		for j := range i {
			pi, pj := a.Pipes[i].Prefix, a.Pipes[j].Prefix
			if pi != "" && pj != "" && (strings.HasPrefix(pi, pj) || strings.HasPrefix(pj, pi)) {
				errs.Addf(fmt.Sprintf("Pipes[%d].Prefix", i), "%q overlaps Pipes[%d] prefix %q; S3 rejects overlapping notification filters on one bucket", pi, j, pj)
			}
		}
	}

	if a.ErrorIntegration != "" {
		errs.Field("ErrorIntegration", snowflake.ValidIdentifier(a.ErrorIntegration))
		if a.AlertEmail != "" {
			errs.Addf("AlertEmail", "%q is set with `ErrorIntegration`; subscribe to the existing integration's topic where it is managed", a.AlertEmail)
		}
		if a.NotificationRoleName != "" {
			errs.Addf("NotificationRoleName", "%q is set with `ErrorIntegration`; no role is created for an existing integration", a.NotificationRoleName)
		}
	} else {
		errs.Add(snowaws.CheckRoleName(kind, name, "NotificationRoleName", notificationRoleName(name, *a)))
		errs.Add(naming.Check(kind, name, "name", naming.SNSTopic, naming.Child(name, "errors")))
	}
	return errs.Err()
}

// checkPipe checks one pipe's own fields.
func checkPipe(errs *check.Errors, field string, p PipeSpec) {
	if p.Name == "" {
		errs.Addf(field+".Name", "is empty; every pipe needs a Snowflake name")
	} else {
		if err := snowflake.ValidIdentifier(p.Name); err != nil {
			errs.Field(field+".Name", err)
		} else {
			errs.Field(field+".Name", snowflake.ValidIdentifier(p.Name+FormatSuffix))
		}
	}
	switch {
	case p.Prefix == "":
		errs.Addf(field+".Prefix", "is empty; every pipe loads from its own key prefix, e.g. \"orders/\"")
	case strings.HasPrefix(p.Prefix, "/"):
		errs.Addf(field+".Prefix", "%q starts with /; S3 keys do not", p.Prefix)
	case !strings.HasSuffix(p.Prefix, "/"):
		errs.Addf(field+".Prefix", "%q does not end with /; a prefix is a folder, e.g. %q", p.Prefix, p.Prefix+"/")
	case strings.ContainsAny(p.Prefix, "*?'\"\\ "):
		errs.Addf(field+".Prefix", "%q contains a wildcard, quote, backslash or space", p.Prefix)
	}
	if strings.ContainsAny(p.Suffix, "*?'\"\\/ ") {
		errs.Addf(field+".Suffix", "%q contains a wildcard, quote, slash, backslash or space", p.Suffix)
	}

	f := p.Format
	allowed, ok := compressions[f.Type]
	if !ok {
		errs.Addf(field+".Format.Type", "%q is not one of %s", f.Type, strings.Join(FormatTypes, ", "))
	} else if f.Compression != "" {
		errs.OneOf(field+".Format.Compression", f.Compression, allowed...)
	}
	if f.Type != "CSV" {
		for _, opt := range []struct {
			name string
			set  bool
		}{{"SkipHeader", f.SkipHeader != 0}, {"FieldDelimiter", f.FieldDelimiter != ""}, {"FieldOptionallyEnclosedBy", f.FieldOptionallyEnclosedBy != ""}} {
			if opt.set {
				errs.Addf(field+".Format."+opt.name, "is set for a %s file format; it applies to CSV only", f.Type)
			}
		}
	}
	if f.Type != "JSON" && f.StripOuterArray {
		errs.Addf(field+".Format.StripOuterArray", "is set for a %s file format; it applies to JSON only", f.Type)
	}
	if f.SkipHeader < 0 {
		errs.Addf(field+".Format.SkipHeader", "%d is negative", f.SkipHeader)
	}
	if q := f.FieldOptionallyEnclosedBy; q != "" && q != "'" && q != `"` {
		errs.Addf(field+".Format.FieldOptionallyEnclosedBy", "%q is not ' or \"", q)
	}

	switch {
	case p.Table == nil && len(p.Columns) == 0:
		errs.Addf(field+".Table", "is not set and there are no `Columns`; give an existing table or the columns of one to create")
	case p.Table != nil && len(p.Columns) > 0:
		errs.Addf(field+".Columns", "are set together with `Table`; give an existing table or columns for a new one, not both")
	}
	if s, ok := p.Table.(pulumi.String); ok {
		errs.Field(field+".Table", checkSQLName(string(s)))
	}
	cols := map[string]bool{}
	for i, c := range p.Columns {
		cf := fmt.Sprintf("%s.Columns[%d]", field, i)
		if err := snowflake.ValidIdentifier(c.Name); err != nil {
			errs.Field(cf+".Name", err)
		} else if cols[strings.ToUpper(c.Name)] {
			errs.Addf(cf+".Name", "%q is a duplicate column", c.Name)
		}
		cols[strings.ToUpper(c.Name)] = true
		if strings.TrimSpace(c.Type) == "" {
			errs.Addf(cf+".Type", "is empty; give a Snowflake data type")
		} else if strings.ContainsAny(c.Type, ";'") {
			errs.Addf(cf+".Type", "%q is not a data type", c.Type)
		}
	}
	if strings.ContainsAny(p.CopyOptions, ";") {
		errs.Addf(field+".CopyOptions", "%q contains ;, which would end the COPY statement", p.CopyOptions)
	}
}

// checkIdentifierInput checks a required identifier input when its value is plain.
func checkIdentifierInput(errs *check.Errors, field string, in pulumi.StringInput) {
	if in == nil {
		errs.Addf(field, "is required")
		return
	}
	if s, ok := in.(pulumi.String); ok {
		errs.Field(field, snowflake.ValidIdentifier(string(s)))
	}
}

// checkSQLName rejects an empty name or one that could end a statement.
func checkSQLName(s string) error {
	if strings.TrimSpace(s) == "" {
		return fmt.Errorf("is empty; give the table's fully qualified name")
	}
	if strings.ContainsAny(s, ";'\n") {
		return fmt.Errorf("%q is not a table name (it contains ; or ' or a newline)", s)
	}
	return nil
}

// checkExternalID accepts what AWS accepts as an external id.
func checkExternalID(s string) error {
	if len(s) < 2 || len(s) > 1224 || !externalIDPattern.MatchString(s) {
		return fmt.Errorf("%q is not 2–1224 characters of letters, digits and +=,.@:/-_", s)
	}
	return nil
}

// storageRoleName is the role Snowflake assumes to read the bucket.
func storageRoleName(name string, a SnowpipeIngestArgs) string {
	if a.StorageRoleName != "" {
		return a.StorageRoleName
	}
	return snowaws.RoleName(name, StoragePurpose)
}

// notificationRoleName is the role Snowflake assumes to publish errors.
func notificationRoleName(name string, a SnowpipeIngestArgs) string {
	if a.NotificationRoleName != "" {
		return a.NotificationRoleName
	}
	return snowaws.RoleName(name, snowaws.NotificationPurpose)
}
