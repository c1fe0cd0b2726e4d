;; ctimod corpus: clojurescript-adapter/src/softphone/core.cljs - re-frame softphone for the Ostara SIP gateway, talking to Lightning Open CTI through JS interop
;; Patterns: unsupported-language
;; Written for the ctimod test corpus; not copied from any vendor adapter.

(ns softphone.core
  (:require [clojure.string :as str]
            [re-frame.core :as rf]
            [reagent.dom :as rdom]))

;; Compiled with :optimizations :advanced and externs/opencti.ext.js, so the
;; sforce.opencti member names below survive renaming.

(def default-db
  {:agent   {:status :offline :extension nil}
   :call    nil
   :settings {}
   :log     []})

(defn- now-ms [] (.getTime (js/Date.)))

(defn- log! [& parts]
  (when ^boolean goog.DEBUG
    (apply js/console.log "[ostara]" parts)))

(defn- normalise-number [raw]
  (let [digits (str/replace (str raw) #"[^0-9+]" "")]
    (if (and (= 10 (count digits)) (not (str/starts-with? digits "+")))
      (str "+1" digits)
      digits)))

;; ---------------------------------------------------------------------------
;; Open CTI effects
;; ---------------------------------------------------------------------------

(defn- response->clj [response]
  (js->clj response :keywordize-keys true))

(rf/reg-fx
 :opencti/screen-pop
 (fn [{:keys [record-id]}]
   (.screenPop js/sforce.opencti
               (clj->js {:type     js/sforce.opencti.SCREENPOP_TYPE.SOBJECT
                         :params   {:recordId record-id}
                         :callback (fn [response]
                                     (let [r (response->clj response)]
                                       (when-not (:success r)
                                         (rf/dispatch [:softphone/error :screen-pop (:errors r)]))))}))))

(rf/reg-fx
 :opencti/search-and-pop
 (fn [{:keys [ani]}]
   (.searchAndScreenPop js/sforce.opencti
                        (clj->js {:searchParams ani
                                  :callType     js/sforce.opencti.CALL_TYPE.INBOUND
                                  :deferred     false
                                  :callback     (fn [response]
                                                  (rf/dispatch [:softphone/search-result (response->clj response)]))}))))

(rf/reg-fx
 :opencti/save-log
 (fn [task]
   (js/sforce.opencti.saveLog
    (clj->js {:value    task
              :callback (fn [response]
                          (let [r (response->clj response)]
                            (if (:success r)
                              (rf/dispatch [:softphone/log-saved (:returnValue r)])
                              (rf/dispatch [:softphone/error :save-log (:errors r)]))))}))))

(rf/reg-fx
 :opencti/refresh-view
 (fn [_]
   (js/sforce.opencti.refreshView #js {})))

(rf/reg-fx
 :opencti/panel-visible
 (fn [visible?]
   (.setSoftphonePanelVisibility js/sforce.opencti #js {:visible visible?})))

;; Classic builds used sforce.interaction.cti.onClickToDial with a JSON string
;; payload; the Lightning listener below receives a plain object instead.
(defn- register-click-to-dial! []
  (.. js/sforce -opencti
      (enableClickToDial #js {:callback (fn [_] (log! "click-to-dial enabled"))}))
  (js/sforce.opencti.onClickToDial
   #js {:listener (fn [payload]
                    (rf/dispatch [:softphone/dial (.-number payload) (.-recordId payload)]))}))

(defn- load-call-center-settings! []
  (js/sforce.opencti.getCallCenterSettings
   #js {:callback (fn [response]
                    (let [r (response->clj response)]
                      (when (:success r)
                        (rf/dispatch [:softphone/settings (js->clj (.-returnValue response))]))))}))

;; ---------------------------------------------------------------------------
;; Ostara gateway effects (vendor telephony)
;; ---------------------------------------------------------------------------

(rf/reg-fx
 :ostara/connect
 (fn [{:keys [url tenant]}]
   (let [phone (js/OstaraPhone. #js {:url url :tenant tenant})]
     (set! (.-onincoming phone)
           (fn [call] (rf/dispatch [:softphone/incoming (.-id call) (.-from call)])))
     (set! (.-onconnected phone)
           (fn [call] (rf/dispatch [:softphone/connected (.-id call)])))
     (set! (.-onended phone)
           (fn [call] (rf/dispatch [:softphone/ended (.-id call) (.-cause call)])))
     (set! js/window.ostaraPhone phone)
     (.register phone))))

(rf/reg-fx :ostara/dial   (fn [number] (.dial js/window.ostaraPhone number)))
(rf/reg-fx :ostara/answer (fn [call-id] (.answer js/window.ostaraPhone call-id)))
(rf/reg-fx :ostara/hangup (fn [call-id] (.hangup js/window.ostaraPhone call-id)))
(rf/reg-fx :ostara/hold   (fn [[call-id on?]] (.hold js/window.ostaraPhone call-id on?)))
(rf/reg-fx :ostara/mute   (fn [on?] (.mute js/window.ostaraPhone on?)))

;; ---------------------------------------------------------------------------
;; Events
;; ---------------------------------------------------------------------------

(rf/reg-event-db
 :softphone/initialise
 (fn [_ _] default-db))

(rf/reg-event-fx
 :softphone/settings
 (fn [{:keys [db]} [_ settings]]
   {:db             (assoc db :settings settings)
    :ostara/connect {:url    (get settings "/OstaraGateway/url")
                     :tenant (get settings "/OstaraGateway/tenant")}}))

(rf/reg-event-fx
 :softphone/dial
 (fn [{:keys [db]} [_ number record-id]]
   (if (:call db)
     {:db (update db :log conj "dial ignored: call in progress")}
     {:db          (assoc db :call {:direction :outbound :to (normalise-number number) :who-id record-id})
      :ostara/dial (normalise-number number)
      :opencti/panel-visible true})))

(rf/reg-event-fx
 :softphone/incoming
 (fn [{:keys [db]} [_ call-id from]]
   {:db                     (assoc db :call {:id call-id :direction :inbound :from from})
    :opencti/panel-visible  true
    :opencti/search-and-pop {:ani from}}))

(rf/reg-event-fx
 :softphone/search-result
 (fn [{:keys [db]} [_ {:keys [success returnValue]}]]
   (let [ids (when success (map name (keys returnValue)))]
     (if (= 1 (count ids))
       {:db (assoc-in db [:call :who-id] (first ids))}
       {:db db}))))

(rf/reg-event-db
 :softphone/connected
 (fn [db [_ _call-id]]
   (assoc-in db [:call :answered-at] (now-ms))))

(rf/reg-event-fx
 :softphone/ended
 (fn [{:keys [db]} [_ call-id cause]]
   (let [{:keys [answered-at who-id direction from to]} (:call db)
         seconds (if answered-at (js/Math.round (/ (- (now-ms) answered-at) 1000)) 0)]
     {:db               (assoc db :call nil)
      :opencti/save-log (cond-> {:entityApiName         "Task"
                                 :Subject               (str "Call " (or from to))
                                 :CallType              (if (= direction :outbound) "Outbound" "Inbound")
                                 :CallDurationInSeconds seconds
                                 :CallDisposition       (str cause)
                                 :CallObject            call-id
                                 :Status                "Completed"}
                          who-id (assoc :WhoId who-id))})))

(rf/reg-event-fx
 :softphone/log-saved
 (fn [{:keys [db]} [_ saved]]
   {:db                   (update db :log conj (str "task saved " saved))
    :opencti/refresh-view nil}))

(rf/reg-event-fx
 :softphone/open-record
 (fn [_ [_ record-id]]
   {:opencti/screen-pop {:record-id record-id}}))

(rf/reg-event-fx
 :softphone/answer
 (fn [{:keys [db]} _]
   (when-let [id (get-in db [:call :id])]
     {:ostara/answer id})))

(rf/reg-event-fx
 :softphone/hangup
 (fn [{:keys [db]} _]
   (when-let [id (get-in db [:call :id])]
     {:ostara/hangup id})))

(rf/reg-event-fx
 :softphone/toggle-hold
 (fn [{:keys [db]} _]
   (when-let [id (get-in db [:call :id])]
     (let [on? (not (get-in db [:call :held?]))]
       {:db          (assoc-in db [:call :held?] on?)
        :ostara/hold [id on?]}))))

(rf/reg-event-fx
 :softphone/toggle-mute
 (fn [{:keys [db]} _]
   (let [on? (not (get-in db [:call :muted?]))]
     {:db          (assoc-in db [:call :muted?] on?)
      :ostara/mute on?})))

(rf/reg-event-db
 :softphone/error
 (fn [db [_ where errors]]
   (log! "error in" (name where) (pr-str errors))
   (update db :log conj (str (name where) " failed"))))

;; ---------------------------------------------------------------------------
;; Subscriptions and view
;; ---------------------------------------------------------------------------

(rf/reg-sub :call (fn [db _] (:call db)))
(rf/reg-sub :log  (fn [db _] (take-last 5 (:log db))))

(defn softphone-view []
  (let [call @(rf/subscribe [:call])
        log  @(rf/subscribe [:log])]
    [:div.ostara-softphone
     [:div.caller (or (:from call) (:to call) "No call")]
     [:div.controls
      [:button {:on-click #(rf/dispatch [:softphone/answer]) :disabled (nil? call)} "Answer"]
      [:button {:on-click #(rf/dispatch [:softphone/hangup]) :disabled (nil? call)} "Hang up"]
      [:button {:on-click #(rf/dispatch [:softphone/toggle-hold])} (if (:held? call) "Resume" "Hold")]
      [:button {:on-click #(rf/dispatch [:softphone/toggle-mute])} (if (:muted? call) "Unmute" "Mute")]
      (when-let [who (:who-id call)]
        [:button {:on-click #(rf/dispatch [:softphone/open-record who])} "Open record"])]
     [:ul.log (for [[i line] (map-indexed vector log)] ^{:key i} [:li line])]]))

(defn ^:export init []
  (rf/dispatch-sync [:softphone/initialise])
  (if (and (exists? js/sforce) (exists? js/sforce.opencti))
    (do (load-call-center-settings!)
        (register-click-to-dial!)
        (js/sforce.opencti.notifyInitializationComplete #js {}))
    (log! "sforce.opencti missing - is opencti_min.js loaded?"))
  (rdom/render [softphone-view] (js/document.getElementById "app")))
