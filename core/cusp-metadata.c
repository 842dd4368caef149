#define G_LOG_DOMAIN "cusp-metadata"

#include "config.h"

#include "cusp-metadata.h"

/* Two parallel arrays keep insertion order; lookups are linear because a
 * product carries a few dozen attributes at most. */
struct _CuspMetadata
{
  GPtrArray *keys;
  GPtrArray *values;
};

G_DEFINE_BOXED_TYPE (CuspMetadata, cusp_metadata, cusp_metadata_ref, cusp_metadata_unref)

CuspMetadata *
cusp_metadata_new (void)
{
  CuspMetadata *self = g_atomic_rc_box_new0 (CuspMetadata);

  self->keys = g_ptr_array_new_with_free_func (g_free);
  self->values = g_ptr_array_new_with_free_func (g_free);

  return self;
}

CuspMetadata *
cusp_metadata_ref (CuspMetadata *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return g_atomic_rc_box_acquire (self);
}

static void
cusp_metadata_clear (gpointer data)
{
  CuspMetadata *self = data;

  g_clear_pointer (&self->keys, g_ptr_array_unref);
  g_clear_pointer (&self->values, g_ptr_array_unref);
}

void
cusp_metadata_unref (CuspMetadata *self)
{
  g_return_if_fail (self != NULL);

  g_atomic_rc_box_release_full (self, cusp_metadata_clear);
}

static gint
cusp_metadata_find (const CuspMetadata *self,
                    const char         *key)
{
  for (guint i = 0; i < self->keys->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->keys, i), key) == 0)
      return (gint) i;

  return -1;
}

void
cusp_metadata_set (CuspMetadata *self,
                   const char   *key,
                   const char   *value)
{
  gint i;

  g_return_if_fail (self != NULL);
  g_return_if_fail (key != NULL);

  i = cusp_metadata_find (self, key);
  if (i < 0)
    {
      g_ptr_array_add (self->keys, g_strdup (key));
      g_ptr_array_add (self->values, g_strdup (value));
      return;
    }

  g_free (self->values->pdata[i]);
  self->values->pdata[i] = g_strdup (value);
}

const char *
cusp_metadata_get (const CuspMetadata *self,
                   const char         *key)
{
  gint i;

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (key != NULL, NULL);

  i = cusp_metadata_find (self, key);

  return i < 0 ? NULL : g_ptr_array_index (self->values, i);
}

guint
cusp_metadata_get_size (const CuspMetadata *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->keys->len;
}

const char *
cusp_metadata_get_key (const CuspMetadata *self,
                       guint               i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->keys->len, NULL);

  return g_ptr_array_index (self->keys, i);
}

const char *
cusp_metadata_get_value (const CuspMetadata *self,
                         guint               i)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (i < self->values->len, NULL);

  return g_ptr_array_index (self->values, i);
}

CuspMetadata *
cusp_metadata_copy (const CuspMetadata *self)
{
  CuspMetadata *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = cusp_metadata_new ();
  for (guint i = 0; i < self->keys->len; i++)
    {
      g_ptr_array_add (copy->keys, g_strdup (g_ptr_array_index (self->keys, i)));
      g_ptr_array_add (copy->values, g_strdup (g_ptr_array_index (self->values, i)));
    }

  return copy;
}
