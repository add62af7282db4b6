// sources/s3: object-store sources (`location: s3://bucket/prefix`). Endpoint and credentials come
// from the AWS_* environment only. Entry points for the executor:
// - xml: ingestXmlFromS3 (resolve the newest matching object, stream it through ingestXml);
// - csv/jsonl/parquet: locateS3Object (HEAD `<prefix><from>`) then downloadS3Object to a local file.
export { downloadS3Object, type DownloadS3Options, type S3Download, type S3DownloadSource } from './download-s3-object.js';
export { ingestXmlFromS3, type IngestXmlFromS3Options, type IngestXmlFromS3Result } from './ingest-xml-from-s3.js';
export { listS3Objects, type ListS3Options, type S3ObjectInfo } from './list-s3-objects.js';
export { openS3Object, type OpenS3Options, type S3ObjectAddress } from './open-s3-object.js';
export { headS3Object, locateS3Object, resolveS3Object, type S3CallOptions, type S3ObjectRef } from './resolve-s3-object.js';
export { s3ClientFromEnv, s3EndpointLabel, type S3ClientOptions, type S3Env } from './s3-client-from-env.js';
export { S3AccessDeniedError, isS3NetworkError, s3SourceError } from './s3-error.js';
export { isS3Location, parseS3Location, s3Url, type S3Location } from './s3-location.js';
