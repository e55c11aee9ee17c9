/**
 * The database directory's format: segment files of encoded, compressed, checksummed column
 * chunks, and the manifests that name the files of each committed version.
 */
package io.blueshift.storage.format;
