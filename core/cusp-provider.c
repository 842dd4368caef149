#define G_LOG_DOMAIN "cusp-provider"

#include "config.h"

#include "cusp-provider.h"

#include <glib/gi18n-lib.h>
#include <math.h>

typedef struct
{
  char *id;
  char *name;
} CuspProviderPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (CuspProvider, cusp_provider, G_TYPE_OBJECT)

G_DEFINE_QUARK (cusp-provider-error-quark, cusp_provider_error)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Arguments of one asynchronous get_data, owned by its GTask. */
typedef struct
{
  char     *product;
  CuspTime  start;
  CuspTime  stop;
} GetDataArgs;

static void
get_data_args_free (gpointer data)
{
  GetDataArgs *args = data;

  g_free (args->product);
  g_free (args);
}

static void
cusp_provider_finalize (GObject *object)
{
  CuspProvider *self = CUSP_PROVIDER (object);
  CuspProviderPrivate *priv = cusp_provider_get_instance_private (self);

  g_free (priv->id);
  g_free (priv->name);

  G_OBJECT_CLASS (cusp_provider_parent_class)->finalize (object);
}

static void
cusp_provider_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  CuspProvider *self = CUSP_PROVIDER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, cusp_provider_get_id (self));
      break;
    case PROP_NAME:
      g_value_set_string (value, cusp_provider_get_name (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cusp_provider_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  CuspProvider *self = CUSP_PROVIDER (object);
  CuspProviderPrivate *priv = cusp_provider_get_instance_private (self);

  switch (prop_id)
    {
    case PROP_ID:
      priv->id = g_value_dup_string (value);
      break;
    case PROP_NAME:
      priv->name = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cusp_provider_class_init (CuspProviderClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = cusp_provider_finalize;
  object_class->get_property = cusp_provider_get_property;
  object_class->set_property = cusp_provider_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
cusp_provider_init (CuspProvider *self)
{
}

const char *
cusp_provider_get_id (CuspProvider *self)
{
  CuspProviderPrivate *priv;

  g_return_val_if_fail (CUSP_IS_PROVIDER (self), NULL);

  priv = cusp_provider_get_instance_private (self);

  return priv->id;
}

const char *
cusp_provider_get_name (CuspProvider *self)
{
  CuspProviderPrivate *priv;

  g_return_val_if_fail (CUSP_IS_PROVIDER (self), NULL);

  priv = cusp_provider_get_instance_private (self);

  return priv->name;
}

CuspInventoryNode *
cusp_provider_get_inventory (CuspProvider *self)
{
  CuspProviderClass *klass;

  g_return_val_if_fail (CUSP_IS_PROVIDER (self), NULL);

  klass = CUSP_PROVIDER_GET_CLASS (self);
  if (klass->get_inventory == NULL)
    {
      g_critical ("%s does not implement CuspProvider.get_inventory()",
                  G_OBJECT_TYPE_NAME (self));
      return NULL;
    }

  return klass->get_inventory (self);
}

/* Keeps what reaches the caller within [0, 1] and never going down. */
typedef struct
{
  CuspProgressFunc func;
  gpointer         data;
  double           last;
} Reporter;

static void
reporter_report (double   fraction,
                 gpointer user_data)
{
  Reporter *r = user_data;

  if (isnan (fraction))
    return;
  fraction = CLAMP (fraction, 0.0, 1.0);
  if (fraction <= r->last)
    return;
  r->last = fraction;
  if (r->func != NULL)
    r->func (fraction, r->data);
}

static CuspData *
call_get_data (CuspProvider      *self,
               const char        *product,
               CuspTime           start,
               CuspTime           stop,
               Reporter          *reporter,
               GCancellable      *cancellable,
               GError           **error)
{
  CuspProviderClass *klass = CUSP_PROVIDER_GET_CLASS (self);

  if (klass->get_data_with_progress != NULL)
    return klass->get_data_with_progress (self, product, start, stop, reporter_report, reporter,
                                          cancellable, error);
  if (klass->get_data == NULL)
    {
      g_critical ("%s does not implement CuspProvider.get_data()",
                  G_OBJECT_TYPE_NAME (self));
      return NULL;
    }
  return klass->get_data (self, product, start, stop, cancellable, error);
}

CuspData *
cusp_provider_get_data_with_progress (CuspProvider      *self,
                                      const char        *product,
                                      CuspTime           start,
                                      CuspTime           stop,
                                      CuspProgressFunc   progress,
                                      gpointer           progress_data,
                                      GCancellable      *cancellable,
                                      GError           **error)
{
  Reporter reporter = { progress, progress_data, -1.0 };
  GError *local_error = NULL;
  CuspData *data;

  g_return_val_if_fail (CUSP_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (product != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (start >= stop)
    {
      g_set_error (error, CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_BAD_RANGE,
                   _("Cannot get “%s” for an empty time range (the start is not before the stop); choose a stop time after the start time."),
                   product);
      return NULL;
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  data = call_get_data (self, product, start, stop, &reporter, cancellable, &local_error);

  /* Callers rely on NULL always coming with an error. */
  if (data == NULL && local_error == NULL)
    local_error = g_error_new (CUSP_PROVIDER_ERROR, CUSP_PROVIDER_ERROR_FAILED,
                               _("The %s provider returned no data for “%s”; try another time range or product."),
                               cusp_provider_get_name (self) ? cusp_provider_get_name (self) : G_OBJECT_TYPE_NAME (self),
                               product);
  if (local_error != NULL)
    {
      g_clear_pointer (&data, cusp_data_unref);
      g_propagate_error (error, local_error);
      return NULL;
    }
  reporter_report (1.0, &reporter);
  return data;
}

CuspData *
cusp_provider_get_data (CuspProvider  *self,
                        const char    *product,
                        CuspTime       start,
                        CuspTime       stop,
                        GCancellable  *cancellable,
                        GError       **error)
{
  return cusp_provider_get_data_with_progress (self, product, start, stop, NULL, NULL,
                                               cancellable, error);
}

static void
get_data_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GetDataArgs *args = task_data;
  GError *error = NULL;
  CuspData *data;

  data = cusp_provider_get_data (source_object, args->product, args->start, args->stop,
                                 cancellable, &error);
  if (data == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, data, (GDestroyNotify) cusp_data_unref);
}

void
cusp_provider_get_data_async (CuspProvider        *self,
                              const char          *product,
                              CuspTime             start,
                              CuspTime             stop,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GetDataArgs *args;

  g_return_if_fail (CUSP_IS_PROVIDER (self));
  g_return_if_fail (product != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  args = g_new0 (GetDataArgs, 1);
  args->product = g_strdup (product);
  args->start = start;
  args->stop = stop;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, cusp_provider_get_data_async);
  g_task_set_task_data (task, args, get_data_args_free);
  g_task_run_in_thread (task, get_data_thread);
}

CuspData *
cusp_provider_get_data_finish (CuspProvider  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  g_return_val_if_fail (CUSP_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cusp_provider_get_data_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* ---- Progress relayed to the caller's main context ------------------------ */

/* The worker writes latest; the caller's context reads it at most every
 * RELAY_PERIOD_US and calls the callback, until done. */
#define RELAY_PERIOD_US (50 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  GMutex            lock;
  GMainContext     *context;
  CuspProgressFunc  func;
  gpointer          data;
  GDestroyNotify    notify;
  double            latest;
  double            delivered;
  gint64            last_time;
  gboolean          pending;
  gboolean          done;
} Relay;

static void
relay_clear (gpointer data)
{
  Relay *relay = data;

  g_mutex_clear (&relay->lock);
  g_main_context_unref (relay->context);
}

static Relay *
relay_ref (Relay *relay)
{
  return g_atomic_rc_box_acquire (relay);
}

static void
relay_unref (gpointer relay)
{
  g_atomic_rc_box_release_full (relay, relay_clear);
}

static gboolean
relay_deliver (gpointer user_data)
{
  Relay *relay = user_data;
  double fraction;

  g_mutex_lock (&relay->lock);
  relay->pending = FALSE;
  if (relay->done || relay->latest <= relay->delivered)
    {
      g_mutex_unlock (&relay->lock);
      return G_SOURCE_REMOVE;
    }
  fraction = relay->delivered = relay->latest;
  relay->last_time = g_get_monotonic_time ();
  g_mutex_unlock (&relay->lock);
  if (relay->func != NULL)
    relay->func (fraction, relay->data);
  return G_SOURCE_REMOVE;
}

/* Worker side: never calls the callback itself. */
static void
relay_report (double   fraction,
              gpointer user_data)
{
  Relay *relay = user_data;
  gboolean schedule;
  gint64 wait = 0;

  g_mutex_lock (&relay->lock);
  relay->latest = MAX (relay->latest, fraction);
  schedule = !relay->pending && !relay->done;
  if (schedule)
    {
      relay->pending = TRUE;
      wait = relay->last_time + RELAY_PERIOD_US - g_get_monotonic_time ();
    }
  g_mutex_unlock (&relay->lock);
  if (schedule)
    {
      GSource *source = wait > 0 ? g_timeout_source_new ((guint) (wait / 1000) + 1)
                                 : g_idle_source_new ();

      g_source_set_callback (source, relay_deliver, relay_ref (relay), relay_unref);
      g_source_set_static_name (source, "[cusp] provider progress");
      g_source_attach (source, relay->context);
      g_source_unref (source);
    }
}

/* In the caller's context: after this nothing reaches the callback. */
static void
relay_finish (Relay    *relay,
              gboolean  success)
{
  gboolean complete;

  g_mutex_lock (&relay->lock);
  complete = success && relay->delivered < 1.0;
  relay->done = TRUE;
  relay->delivered = success ? 1.0 : relay->delivered;
  g_mutex_unlock (&relay->lock);
  if (complete && relay->func != NULL)
    relay->func (1.0, relay->data);
  if (relay->notify != NULL)
    relay->notify (relay->data);
  relay->func = NULL;
  relay->notify = NULL;
  relay->data = NULL;
}

typedef struct
{
  char     *product;
  CuspTime  start;
  CuspTime  stop;
  Relay    *relay;
} ProgressArgs;

static void
progress_args_free (gpointer data)
{
  ProgressArgs *args = data;

  g_free (args->product);
  relay_unref (args->relay);
  g_free (args);
}

static void
get_data_progress_thread (GTask        *task,
                          gpointer      source_object,
                          gpointer      task_data,
                          GCancellable *cancellable)
{
  ProgressArgs *args = task_data;
  GError *error = NULL;
  CuspData *data;

  data = cusp_provider_get_data_with_progress (source_object, args->product, args->start,
                                               args->stop, relay_report, args->relay,
                                               cancellable, &error);
  if (data == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, data, (GDestroyNotify) cusp_data_unref);
}

static void
get_data_progress_done (GObject      *source,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr (GTask) outer = user_data;
  ProgressArgs *args = g_task_get_task_data (G_TASK (result));
  GError *error = NULL;
  CuspData *data = g_task_propagate_pointer (G_TASK (result), &error);

  relay_finish (args->relay, data != NULL);
  if (data == NULL)
    g_task_return_error (outer, error);
  else
    g_task_return_pointer (outer, data, (GDestroyNotify) cusp_data_unref);
}

void
cusp_provider_get_data_with_progress_async (CuspProvider        *self,
                                            const char          *product,
                                            CuspTime             start,
                                            CuspTime             stop,
                                            CuspProgressFunc     progress,
                                            gpointer             progress_data,
                                            GDestroyNotify       progress_notify,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_autoptr (GTask) inner = NULL;
  GTask *outer;
  ProgressArgs *args;
  Relay *relay;

  g_return_if_fail (CUSP_IS_PROVIDER (self));
  g_return_if_fail (product != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  relay = g_atomic_rc_box_new0 (Relay);
  g_mutex_init (&relay->lock);
  relay->context = g_main_context_ref_thread_default ();
  relay->func = progress;
  relay->data = progress_data;
  relay->notify = progress_notify;
  relay->latest = relay->delivered = -1.0;
  relay->last_time = g_get_monotonic_time () - RELAY_PERIOD_US;

  args = g_new0 (ProgressArgs, 1);
  args->product = g_strdup (product);
  args->start = start;
  args->stop = stop;
  args->relay = relay;

  outer = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (outer, cusp_provider_get_data_with_progress_async);
  inner = g_task_new (self, cancellable, get_data_progress_done, outer);
  g_task_set_task_data (inner, args, progress_args_free);
  g_task_run_in_thread (inner, get_data_progress_thread);
}

CuspData *
cusp_provider_get_data_with_progress_finish (CuspProvider  *self,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  g_return_val_if_fail (CUSP_IS_PROVIDER (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == cusp_provider_get_data_with_progress_async, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
