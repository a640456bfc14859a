//! Outlook: sending mail and reading a calendar's window of events.

use graph_v1_0::models::{
    AnyMessage, AnyRecipient, BodyType, EmailAddress, Event, ItemBody, Message, Recipient, UserSendmailRequestBody,
};
use graph_v1_0::paths::Root;
use graph_v1_0::runtime::{Accepted, Collection, Field};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path, query_param};
use wiremock::{Mock, ResponseTemplate};

use crate::support::{ensure, hits, text, Context, Graph, Outcome};

/// Step 3: `POST /me/sendMail` (user-sendmail.md): `202 Accepted`, no body.
pub(crate) async fn send_mail(g: &Graph) -> Outcome {
    let expected = json!({
        "message": {
            "subject": "Meet for lunch?",
            "body": { "contentType": "text", "content": "The new cafeteria is open." },
            "toRecipients": [{ "emailAddress": { "address": "frannis@contoso.onmicrosoft.com" } }]
        },
        "saveToSentItems": false
    });
    let guard = g
        .answer(
            Mock::given(method("POST"))
                .and(path("/v1.0/me/sendMail"))
                .and(header("content-type", "application/json"))
                .and(body_json(&expected)),
            ResponseTemplate::new(202),
        )
        .await;
    let message = Message {
        subject: Field::Value("Meet for lunch?".to_owned()),
        body: Field::Value(Box::new(ItemBody {
            content_type: Field::Value(BodyType::Text),
            content: Field::Value("The new cafeteria is open.".to_owned()),
            ..ItemBody::default()
        })),
        to_recipients: Field::Value(vec![AnyRecipient::Recipient(Box::new(Recipient {
            email_address: Field::Value(Box::new(EmailAddress {
                address: Field::Value("frannis@contoso.onmicrosoft.com".to_owned()),
                ..EmailAddress::default()
            })),
            ..Recipient::default()
        }))]),
        ..Message::default()
    };
    let body = UserSendmailRequestBody {
        message: Box::new(AnyMessage::Message(Box::new(message))),
        save_to_sent_items: Field::Value(false),
        additional_properties: serde_json::Map::new(),
    };
    let accepted: Accepted =
        g.client.send(Root.me().send_mail().post(&body).context("build")?).await.context("POST /me/sendMail")?;
    hits(&guard, 1, "POST /me/sendMail (method, path and JSON body checked)").await?;
    ensure(accepted.status == 202, || format!("status {}", accepted.status))?;
    Ok("202 Accepted, the mock matched the documented JSON body".to_owned())
}

/// Step 9: `GET /me/calendar/calendarView?startDateTime=..&endDateTime=..`
/// (calendar-list-calendarview.md): the window is the call's arguments.
pub(crate) async fn calendar_view(g: &Graph) -> Outcome {
    let (start, end) = ("2017-01-01T19:00:00-08:00", "2017-01-07T19:00:00-08:00");
    let guard = g
        .answer(
            Mock::given(method("GET"))
                .and(path("/v1.0/me/calendar/calendarView"))
                .and(query_param("startDateTime", start))
                .and(query_param("endDateTime", end)),
            ResponseTemplate::new(200).set_body_json(json!({
                "@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users('48d31887')/calendar/calendarView",
                "value": [{
                    "@odata.etag": "W/\"ZlnW4RIAV06KYYwlrfNZvQAAKGWwbw==\"",
                    "id": "AAMkAGI2TG93AAA=",
                    "subject": "Orientation",
                    "bodyPreview": "Dana, this is the time you selected for our orientation.",
                    "start": { "dateTime": "2017-01-02T19:00:00.0000000", "timeZone": "UTC" },
                    "end": { "dateTime": "2017-01-02T20:00:00.0000000", "timeZone": "UTC" },
                    "originalStartTimeZone": "Pacific Standard Time",
                    "originalEndTimeZone": "Pacific Standard Time",
                    "reminderMinutesBeforeStart": 15,
                    "isReminderOn": true
                }]
            })),
        )
        .await;
    let request = Root.me().calendar().calendar_view().get(start, end).context("build")?;
    let events: Collection<Event> = g.client.send(request).await.context("GET calendarView")?;
    hits(&guard, 1, "calendarView (startDateTime and endDateTime checked)").await?;
    let event = events.value.first().ok_or("no event")?;
    let starts = event.start.value().map(|s| text(&s.date_time).to_owned()).unwrap_or_default();
    ensure(text(&event.subject) == "Orientation" && starts == "2017-01-02T19:00:00.0000000", || {
        format!("event {:?} starting {starts}", event.subject)
    })?;
    ensure(event.reminder_minutes_before_start.value() == Some(&15), || {
        format!("reminderMinutesBeforeStart {:?}", event.reminder_minutes_before_start)
    })?;
    Ok(format!("{} event in [{start}, {end}]: \"{}\" at {starts}", events.value.len(), text(&event.subject)))
}
