package snowpipe

import (
	"fmt"
	"strings"

	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"

	"github.com/schedkit/schedkit/components/internal/check"
	"github.com/schedkit/schedkit/components/internal/naming"
	"github.com/schedkit/schedkit/components/internal/snowaws"
	"github.com/schedkit/schedkit/components/internal/tags"
	"github.com/schedkit/schedkit/internal/verify"
)

// kind names the component in error messages.
const kind = "snowpipe"

// validate checks every argument before anything is registered and returns
// all problems at once.
func validate(name string, a *SnowpipeIngestArgs) error {
	errs := check.New(kind, name)
	if a == nil {
		errs.Addf("args", "is nil; Database, Schema and Pipes are required")
		return errs.Err()
	}
	for _, f := range []struct {
		field string
		in    pulumi.StringInput
	}{{"Database", a.Database}, {"Schema", a.Schema}} {
		if f.in == nil {
			errs.Addf(f.field, "is required")
		}
		errs.Plain(f.field, f.in, verify.SnowflakeIdentifier)
	}

	if a.BucketName == nil {
		if a.BucketKmsKeyArn != nil {
			errs.Addf("BucketKmsKeyArn", "is set without `BucketName`; a created bucket uses SSE-S3")
		}
		errs.Add(naming.Check(kind, name, "name", naming.S3Bucket, naming.Child(name, "bucket")))
	}
	errs.Plain("BucketName", a.BucketName, verify.BucketName)
	errs.Plain("BucketKmsKeyArn", a.BucketKmsKeyArn, verify.KMSKeyARN)
	errs.Plain("ExternalID", a.ExternalID, verify.ExternalID)
	if a.StorageRoleName != "" {
		errs.Add(snowaws.CheckRoleName(kind, name, "StorageRoleName", a.StorageRoleName))
	}
	tags.Validate(errs, a.Tags)

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
	// A table a pipe is given must not be one another pipe creates.
	db, dbPlain := a.Database.(pulumi.String)
	schema, schemaPlain := a.Schema.(pulumi.String)
	for i, p := range a.Pipes {
		table, plain := p.Table.(pulumi.String)
		if !plain || !dbPlain || !schemaPlain {
			continue
		}
		for j, q := range a.Pipes {
			if q.Table == nil && q.Name != "" {
				created := verify.Derived{Name: fmt.Sprintf("%s.%s.%s", db, schema, q.Name), What: fmt.Sprintf("the table Pipes[%d] creates", j)}
				errs.Field(fmt.Sprintf("Pipes[%d].Table", i), verify.NameFree(string(table), created))
			}
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

	snowaws.NotificationSettings{
		ErrorIntegration: a.ErrorIntegration, NotificationRoleName: a.NotificationRoleName,
		AlertTopicArn: a.AlertTopicArn, AlertTopicKmsKeyArn: a.AlertTopicKmsKeyArn, AlertEmail: a.AlertEmail,
	}.Validate(errs)
	return errs.Err()
}

// checkPipe checks one pipe's own fields.
func checkPipe(errs *check.Errors, field string, p PipeSpec) {
	if p.Name == "" {
		errs.Addf(field+".Name", "is empty; every pipe needs a Snowflake name")
	} else {
		if err := verify.SnowflakeIdentifier(p.Name); err != nil {
			errs.Field(field+".Name", err)
		} else {
			errs.Field(field+".Name", verify.SnowflakeIdentifier(p.Name+FormatSuffix))
		}
	}
	errs.Field(field+".Prefix", verify.KeyPrefix(p.Prefix))
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
	errs.Plain(field+".Table", p.Table, verify.SnowflakeName)
	cols := map[string]bool{}
	for i, c := range p.Columns {
		cf := fmt.Sprintf("%s.Columns[%d]", field, i)
		if err := verify.SnowflakeIdentifier(c.Name); err != nil {
			errs.Field(cf+".Name", err)
		} else if cols[strings.ToUpper(c.Name)] {
			errs.Addf(cf+".Name", "%q is a duplicate column", c.Name)
		}
		cols[strings.ToUpper(c.Name)] = true
		errs.Field(cf+".Type", verify.ColumnType(c.Type))
	}
	errs.Field(field+".CopyOptions", verify.PipeCopyOptions(p.CopyOptions))
}

// storageRoleName is the role Snowflake assumes to read the bucket: the
// caller's, or one unique to the project, stack and component.
func storageRoleName(ctx *pulumi.Context, name string, a SnowpipeIngestArgs) string {
	if a.StorageRoleName != "" {
		return a.StorageRoleName
	}
	return snowaws.RoleName(ctx.Project(), ctx.Stack(), naming.Stable(name, a.StableName), StoragePurpose)
}

// notificationRoleName is the role Snowflake assumes to publish errors.
func notificationRoleName(ctx *pulumi.Context, name string, a SnowpipeIngestArgs) string {
	if a.NotificationRoleName != "" {
		return a.NotificationRoleName
	}
	return snowaws.RoleName(ctx.Project(), ctx.Stack(), naming.Stable(name, a.StableName), snowaws.NotificationPurpose)
}

// Validate reports every problem of args for a component named name, as the
// constructor does, without registering anything: a composite that builds
// this component calls it before registering any of its own children.
func Validate(name string, args *SnowpipeIngestArgs) error { return validate(name, args) }

// checkRoleNames refuses a caller's role name that is the name of the other
// role the component creates (two IAM roles cannot share a name): the
// storage role and, without ErrorIntegration, the notification role.
func checkRoleNames(ctx *pulumi.Context, name string, a SnowpipeIngestArgs) error {
	if a.ErrorIntegration != "" {
		return nil
	}
	errs := check.New(kind, name)
	storage, notification := storageRoleName(ctx, name, a), notificationRoleName(ctx, name, a)
	if a.NotificationRoleName != "" {
		errs.Field("NotificationRoleName", verify.NameFree(notification, verify.Derived{Name: storage, What: "the storage role"}))
	} else if a.StorageRoleName != "" {
		errs.Field("StorageRoleName", verify.NameFree(storage, verify.Derived{Name: notification, What: "the load-error notification role"}))
	}
	return errs.Err()
}
